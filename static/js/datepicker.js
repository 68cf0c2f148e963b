/* A small calendar for every date box of the site: <input data-datepicker> (workflow.dates.DateInput).
 *
 * It reads and writes dd/mm/yyyy, day first, as the server does (workflow/dates.py); weeks start
 * on Monday; month and weekday names follow the page's language (<html lang>). The box stays a
 * plain text box: typing works as before, the calendar only helps. It opens from the calendar
 * button put after each box (or Alt+↓ / ↓ in the box), never by itself: opened on focus, it covered
 * the next field of the form. No library, no network.
 *
 * Pages are swapped by Turbo (viewflow's shell): the buttons are added on every page load, and the
 * listeners live on the document, so they serve every page.
 */
(function () {
  "use strict";
  if (window.siteDatepicker) { return; }

  var TEXT = {
    vi: {
      months: ["Tháng 1", "Tháng 2", "Tháng 3", "Tháng 4", "Tháng 5", "Tháng 6", "Tháng 7", "Tháng 8",
               "Tháng 9", "Tháng 10", "Tháng 11", "Tháng 12"],
      days: ["T2", "T3", "T4", "T5", "T6", "T7", "CN"],
      previous: "Tháng trước", next: "Tháng sau", today: "Hôm nay", close: "Đóng", open: "Chọn ngày"
    },
    en: {
      months: ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"],
      days: ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
      previous: "Previous month", next: "Next month", today: "Today", close: "Close", open: "Pick a date"
    }
  };

  function text() {
    var lang = (document.documentElement.lang || "vi").slice(0, 2);
    return TEXT[lang] || TEXT.vi;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function format(d) { return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear(); }
  function sameDay(a, b) {
    return a && b && a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  }

  /* Day first, as the server reads it; ISO too. Anything else: no date (the server will say why). */
  function parse(value) {
    var m = /^\s*(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})\s*$/.exec(value || "");
    var y, mo, d;
    if (m) { d = +m[1]; mo = +m[2]; y = +m[3]; } else {
      m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(value || "");
      if (!m) { return null; }
      y = +m[1]; mo = +m[2]; d = +m[3];
    }
    var date = new Date(y, mo - 1, d);
    return date.getMonth() === mo - 1 && date.getDate() === d ? date : null;
  }

  var popup = null;   // the open calendar
  var input = null;   // the box it writes into
  var shown = null;   // first day of the month shown
  var focus = null;   // the day the keyboard is on

  // Whether the calendar is open is said on the box's calendar button: a text box may not carry aria-expanded
  // (axe-core: aria-allowed-attr), a button may.
  function expanded(box, value) {
    var b = box && box.nextElementSibling;
    if (b && b.classList.contains("site-date__button")) { b.setAttribute("aria-expanded", value ? "true" : "false"); }
  }

  function close(returnFocus) {
    if (!popup) { return; }
    popup.remove();
    popup = null;
    expanded(input, false);
    if (returnFocus && input) { input.focus(); }
  }

  function choose(date) {
    input.value = format(date);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    close(true);
  }

  function button(label, cls, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.textContent = label;
    b.addEventListener("click", function (event) { event.preventDefault(); onClick(); });
    return b;
  }

  function render() {
    var t = text();
    var selected = parse(input.value);
    var today = new Date();
    popup.innerHTML = "";

    var head = document.createElement("div");
    head.className = "site-datepicker__head";
    var prev = button("‹", "site-datepicker__nav", function () { move(-1, "month"); });
    prev.setAttribute("aria-label", t.previous);
    var next = button("›", "site-datepicker__nav", function () { move(1, "month"); });
    next.setAttribute("aria-label", t.next);
    var title = document.createElement("span");
    title.className = "site-datepicker__title";
    title.setAttribute("aria-live", "polite");
    title.textContent = t.months[shown.getMonth()] + " " + shown.getFullYear();
    head.append(prev, title, next);
    popup.append(head);

    var grid = document.createElement("table");
    grid.className = "site-datepicker__grid";
    grid.setAttribute("role", "grid");
    grid.setAttribute("aria-label", title.textContent);
    var row = document.createElement("tr");
    t.days.forEach(function (name) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      row.append(th);
    });
    var thead = document.createElement("thead");
    thead.append(row);
    grid.append(thead);

    var body = document.createElement("tbody");
    var offset = (shown.getDay() + 6) % 7;  // Monday first
    var day = new Date(shown.getFullYear(), shown.getMonth(), 1 - offset);
    for (var week = 0; week < 6; week++) {
      row = document.createElement("tr");
      for (var i = 0; i < 7; i++) {
        var cell = document.createElement("td");
        var date = new Date(day);
        var b = button(String(date.getDate()), "site-datepicker__day", (function (d) {
          return function () { choose(d); };
        })(date));
        b.setAttribute("aria-label", format(date));
        b.tabIndex = sameDay(date, focus) ? 0 : -1;
        if (date.getMonth() !== shown.getMonth()) { b.classList.add("is-other-month"); }
        if (sameDay(date, today)) { b.classList.add("is-today"); }
        if (sameDay(date, selected)) { b.classList.add("is-selected"); b.setAttribute("aria-pressed", "true"); }
        b.dataset.date = format(date);
        cell.append(b);
        row.append(cell);
        day.setDate(day.getDate() + 1);
      }
      body.append(row);
      if (day.getMonth() !== shown.getMonth() && week >= 3) { break; }
    }
    grid.append(body);
    popup.append(grid);

    var foot = document.createElement("div");
    foot.className = "site-datepicker__foot";
    foot.append(button(t.today, "mdc-button site-datepicker__today", function () { choose(new Date()); }),
                button(t.close, "mdc-button", function () { close(true); }));
    popup.append(foot);
  }

  function focusDay() {
    var target = popup && popup.querySelector('[data-date="' + format(focus) + '"]');
    if (target) { target.focus(); }
  }

  function move(amount, unit) {
    if (unit === "month") {
      focus = new Date(focus.getFullYear(), focus.getMonth() + amount, 1);
    } else {
      focus = new Date(focus.getFullYear(), focus.getMonth(), focus.getDate() + amount);
    }
    shown = new Date(focus.getFullYear(), focus.getMonth(), 1);
    render();
    focusDay();
  }

  function open(target) {
    if (popup && input === target) { return; }
    close(false);
    input = target;
    focus = parse(input.value) || new Date();
    shown = new Date(focus.getFullYear(), focus.getMonth(), 1);
    popup = document.createElement("div");
    popup.className = "site-datepicker mdc-elevation--z8";
    popup.setAttribute("role", "dialog");
    popup.setAttribute("aria-label", text().open);
    // A mouse press inside the calendar leaves the focus in the box (a click still chooses the day).
    popup.addEventListener("mousedown", function (event) { event.preventDefault(); });
    popup.addEventListener("keydown", function (event) {
      var keys = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
      if (event.key in keys) { event.preventDefault(); move(keys[event.key], "day"); }
      else if (event.key === "PageUp") { event.preventDefault(); move(-1, "month"); }
      else if (event.key === "PageDown") { event.preventDefault(); move(1, "month"); }
      else if (event.key === "Escape") { event.preventDefault(); close(true); }
    });
    render();
    var box = input.getBoundingClientRect();
    popup.style.top = (window.scrollY + box.bottom + 4) + "px";
    popup.style.left = (window.scrollX + box.left) + "px";
    document.body.append(popup);
    expanded(input, true);
  }

  function isDateBox(el) { return el && el.matches && el.matches("input[data-datepicker]"); }

  function addButtons() {
    document.querySelectorAll("input[data-datepicker]").forEach(function (box) {
      if (box.dataset.datepickerReady) { return; }
      box.dataset.datepickerReady = "1";
      var b = document.createElement("button");
      b.type = "button";
      b.className = "site-date__button";
      b.setAttribute("aria-label", text().open);
      b.title = text().open;
      b.setAttribute("aria-haspopup", "dialog");
      b.setAttribute("aria-expanded", "false");
      b.innerHTML = '<span class="material-icons" aria-hidden="true">calendar_month</span>';
      b.addEventListener("click", function (event) {
        event.preventDefault();
        if (popup && input === box) { close(true); return; }
        open(box);
        focusDay();
      });
      box.insertAdjacentElement("afterend", b);
    });
  }

  document.addEventListener("click", function (event) {
    // A click inside the calendar may have re-drawn it (next month): its target is gone, not outside.
    if (!event.target.isConnected) { return; }
    if (popup && !popup.contains(event.target) && !(event.target.closest && event.target.closest(".site-date__button"))) {
      close(false);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (!isDateBox(event.target)) { return; }
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!popup || input !== event.target) { open(event.target); }
      focusDay();
    } else if (event.key === "Escape" || event.key === "Tab") { close(false); }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addButtons);
  } else {
    addButtons();
  }
  document.addEventListener("turbo:load", addButtons);
  document.addEventListener("turbo:render", addButtons);
  // Typing updates the calendar; leaving the box for elsewhere than the calendar closes it.
  document.addEventListener("input", function (event) {
    if (popup && event.target === input) {
      var date = parse(input.value);
      if (date) { focus = date; shown = new Date(date.getFullYear(), date.getMonth(), 1); render(); }
    }
  });
  document.addEventListener("focusout", function (event) {
    if (!popup || event.target !== input) { return; }
    setTimeout(function () {
      if (popup && !popup.contains(document.activeElement) && document.activeElement !== input) { close(false); }
    }, 0);
  });
  document.addEventListener("turbo:before-render", function () { close(false); });

  window.siteDatepicker = { parse: parse, format: format, close: close };
})();
