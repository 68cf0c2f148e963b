/* Helpers of the site's forms, loaded by the widgets that need them (templates/forms/widgets/).
 *
 * 1. A search box above a select (<input data-picker-for="<select id>">, nominations NomineePicker): typing
 *    narrows the options, with or without tones ("nguyen van" finds "Nguyễn Văn …"), and says how many
 *    are left. The select stays a native select: keyboard, screen readers and forms work as before.
 * 2. A select of titles that follows a nominee select (<select data-kind-of="<select id>">): options carry
 *    data-kind (person, collective, both); only those given to the chosen kind of nominee are offered.
 *    The server refuses a mismatch anyway (nominations.forms.dossiers.LineForm).
 *
 * Pages are swapped by Turbo: the listeners live on the document, the set-up runs on every page load.
 */
(function () {
  "use strict";

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  function lang() { return (document.documentElement.lang || "vi").slice(0, 2); }

  function found(n) {
    if (lang() === "en") { return n === 1 ? "1 match" : n + " matches"; }
    return n === 0 ? "Không tìm thấy ai." : "Tìm thấy " + n + ".";
  }

  function filterPicker(box) {
    var select = document.getElementById(box.getAttribute("data-picker-for"));
    if (!select) { return; }
    var words = fold(box.value).split(" ").filter(Boolean), shown = 0, first = null;
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) { option.hidden = false; return; }
      var name = fold(option.textContent);
      var match = words.every(function (w) { return name.indexOf(w) !== -1; });
      option.hidden = !match;
      if (match) { shown += 1; first = first || option; }
    });
    if (words.length && first && (select.selectedIndex < 0 || select.options[select.selectedIndex].hidden ||
        !select.value)) {
      select.value = first.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
    var status = document.getElementById(select.id + "_found");
    if (status) { status.textContent = words.length ? found(shown) : ""; }
  }

  function filterKinds(titles) {
    var nominee = document.getElementById(titles.getAttribute("data-kind-of"));
    if (!nominee || nominee.selectedIndex < 0) { return; }
    var kind = (nominee.options[nominee.selectedIndex] || {}).getAttribute &&
      nominee.options[nominee.selectedIndex].getAttribute("data-kind");
    Array.prototype.forEach.call(titles.options, function (option) {
      var own = option.getAttribute("data-kind");
      option.hidden = !!(kind && own && own !== "both" && own !== kind);
    });
    if (titles.selectedIndex >= 0 && titles.options[titles.selectedIndex].hidden) { titles.value = ""; }
  }

  function setUp() {
    document.querySelectorAll("input[data-picker-for]").forEach(function (box) { box.hidden = false; });
    document.querySelectorAll("select[data-kind-of]").forEach(filterKinds);
  }

  if (!window.siteForms) {
    window.siteForms = { fold: fold };
    document.addEventListener("input", function (event) {
      if (event.target.matches && event.target.matches("input[data-picker-for]")) { filterPicker(event.target); }
    });
    document.addEventListener("change", function (event) {
      var id = event.target.id;
      if (!id) { return; }
      document.querySelectorAll('select[data-kind-of="' + id + '"]').forEach(filterKinds);
    });
    document.addEventListener("DOMContentLoaded", setUp);
    document.addEventListener("turbo:load", setUp);
    document.addEventListener("turbo:render", setUp);
  }
  if (document.readyState !== "loading") { window.setTimeout(setUp, 0); }
}());
