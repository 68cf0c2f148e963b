"""The award domain's forms, one module per area: ``dossiers`` (lines, files, the secretariat's
review), ``pledges`` (đăng ký thi đua), ``reports`` (the annual report), ``eligibility`` (checks and
registry imports). Views validate input with them; services validate again."""
