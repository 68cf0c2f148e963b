"""The Ministry of Home Affairs' emulation and commendation statistics forms (biểu mẫu báo cáo thống kê
ngành Nội vụ, lĩnh vực thi đua, khen thưởng): their definitions by circular (``definitions``), the counting
(``nominations.selectors.statistics``) and the Excel layout (``excel``); the PDF is
``templates/documents/bieu_thong_ke_bnv.html``. Sources and doubts: docs/legal-basis.md, "Biểu thống kê"."""
