/// The one stylesheet, served by the server at `Stylesheet.path`: no inline styles anywhere, so the
/// Content-Security-Policy can forbid them.
///
/// Colours (contrast against white, WCAG 2.1 AA needs 4.5:1 for text, 3:1 for focus and graphics):
/// text #1b1b1b (17:1), links #0a4b94 (9:1), muted #4a4a4a (8.9:1), error #a4161a (7.6:1),
/// success #1d5e2f (7.8:1), chart bars #0a4b94 and the goal line #1b1b1b. Focus: a 3 px
/// #1b1b1b outline around a #ffd43b background (the yellow against black is 13:1).
public enum Stylesheet {
  /// Where the server serves it.
  public static let path = WebPath("static", "liggare.css")

  /// The CSS.
  public static let css = """
    *,*::before,*::after{box-sizing:border-box}
    html{font-size:100%;-webkit-text-size-adjust:100%}
    body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif;
    line-height:1.5;color:#1b1b1b;background:#fff}
    .wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
    a{color:#0a4b94;text-decoration:underline;text-underline-offset:.15em}
    a:visited{color:#4c2c92}
    a:hover{color:#062c57;text-decoration-thickness:2px}
    :focus-visible{outline:3px solid #1b1b1b;outline-offset:0;background-color:#ffd43b;color:#1b1b1b}
    input:focus-visible,select:focus-visible,textarea:focus-visible{background-color:#fff;
    box-shadow:0 0 0 3px #ffd43b;outline:3px solid #1b1b1b;outline-offset:3px}
    .skip{position:absolute;left:-999rem;top:0;padding:.5rem 1rem;background:#ffd43b;color:#1b1b1b;z-index:10}
    .skip:focus{left:0}
    header.site{background:#0a2f5c;color:#fff;padding:.5rem 0}
    header.site .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
    header.site a{color:#fff}
    header.site a:focus-visible{color:#1b1b1b}
    .brand{font-weight:700;font-size:1.25rem;text-decoration:none}
    nav.main ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
    nav.main a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
    .user{margin-left:auto;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
    .user form{margin:0}
    .user button{background:transparent;color:#fff;border:2px solid #fff;padding:.2rem .6rem;font:inherit;cursor:pointer}
    .user button:focus-visible{background:#ffd43b;color:#1b1b1b}
    main{padding:1rem 0 2rem}
    main:focus{outline:none}
    h1{font-size:2rem;line-height:1.2;margin:.5rem 0 1rem}
    h1,h2,h3{overflow-wrap:break-word;hyphens:auto}
    h2{font-size:1.5rem;margin:2rem 0 .5rem}
    h3{font-size:1.2rem;margin:1.5rem 0 .5rem}
    p,ul,ol,dl{max-width:42rem}
    .lead{font-size:1.15rem}
    .muted{color:#4a4a4a}
    footer.site{border-top:1px solid #767676;padding:1rem 0 2rem;margin-top:2rem}
    .table-scroll{overflow-x:auto;max-width:100%;margin:0 0 1rem;border:1px solid #767676}
    .table-scroll:focus-visible{background:#fff;outline:3px solid #1b1b1b;box-shadow:0 0 0 6px #ffd43b}
    table{border-collapse:collapse;min-width:100%}
    caption{text-align:left;font-weight:700;padding:.5rem}
    th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #b1b4b6;vertical-align:top}
    thead th{border-bottom:2px solid #1b1b1b;white-space:nowrap}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    tfoot td,tfoot th{font-weight:700;border-top:2px solid #1b1b1b}
    .retracted{text-decoration:line-through}
    .reason{display:block;text-decoration:none;font-style:italic}
    form.stack{max-width:40rem}
    .field{margin:0 0 1.25rem}
    .field label,.field legend{display:block;font-weight:700;margin-bottom:.25rem}
    .hint{display:block;color:#4a4a4a;margin-bottom:.25rem}
    input[type=text],input[type=password],input[type=date],input[type=number],input[type=search],
    input[type=datetime-local],select,textarea{font:inherit;padding:.4rem;border:2px solid #1b1b1b;
    max-width:100%;width:24rem;background:#fff;color:#1b1b1b}
    select{width:auto;min-width:min(24rem,100%)}
    input[type=number]{width:8rem}
    input[type=date]{width:12rem}
    input[type=file]{font:inherit;max-width:100%}
    .field.has-error{border-left:5px solid #a4161a;padding-left:.75rem}
    .field.has-error input,.field.has-error select{border-color:#a4161a}
    fieldset.group{border:0;padding:0;margin:0 0 1.25rem;min-width:0}
    fieldset.group.has-error{border-left:5px solid #a4161a;padding-left:.75rem}
    fieldset.group legend{padding:0}
    .choice{display:flex;align-items:center;gap:.6rem;margin:.35rem 0}
    .choice input{width:1.5rem;height:1.5rem;margin:0;flex:none;accent-color:#0a4b94}
    .field .choice label{display:inline;font-weight:400;margin:0}
    .field.rating{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem;margin:.25rem 0 .6rem}
    .field.rating label{font-weight:400;width:18rem;max-width:100%;margin:0}
    .field.rating select{width:8rem}
    .overdue{color:#a4161a}
    .error-message{display:block;color:#a4161a;font-weight:700;margin-bottom:.25rem}
    .error-summary{border:5px solid #a4161a;padding:1rem;margin:0 0 1.5rem;max-width:42rem}
    .error-summary h2{margin-top:0;font-size:1.3rem}
    .error-summary a{color:#a4161a;font-weight:700}
    .notice{border-left:5px solid #1d5e2f;padding:.5rem 1rem;margin:0 0 1.5rem;max-width:42rem;background:#f3f8f4}
    .preview{border:2px solid #0a4b94;padding:1rem;margin:0 0 1.5rem;max-width:48rem}
    button,.button{font:inherit;font-weight:700;padding:.5rem 1rem;background:#1d5e2f;color:#fff;border:2px solid #1d5e2f;
    cursor:pointer;display:inline-block;text-decoration:none;margin:0 .5rem .5rem 0}
    button.secondary,.button.secondary{background:#fff;color:#1b1b1b;border-color:#1b1b1b}
    button.warning{background:#a4161a;border-color:#a4161a}
    button:focus-visible,.button:focus-visible{background:#ffd43b;color:#1b1b1b;border-color:#1b1b1b}
    .inline-form{display:inline}
    .controls{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end;margin:0 0 1rem}
    .controls .field{margin:0}
    dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem 1rem}
    dl.facts dt{font-weight:700}
    dl.facts dd{margin:0;min-width:0;overflow-wrap:anywhere}
    figure.chart{margin:0 0 1rem;max-width:40rem}
    figure.chart svg{width:100%;height:auto;display:block}
    figure.chart .bar{fill:#0a4b94}
    figure.chart .goal{stroke:#1b1b1b;stroke-width:2;stroke-dasharray:6 4}
    figure.chart text{fill:#1b1b1b;font-size:12px}
    figure.chart .axis{stroke:#1b1b1b;stroke-width:1}
    .badge{display:inline-block;padding:0 .4rem;border:1px solid #1b1b1b;font-size:.9rem}
    .report-frame{border:1px solid #767676;padding:1rem;margin:1rem 0}
    ul.plain{list-style:none;padding:0}
    @media (max-width:40rem){h1{font-size:1.6rem}.user{margin-left:0}dl.facts{grid-template-columns:minmax(0,1fr)}
    input[type=text],input[type=password],input[type=search],select,textarea{width:100%}}
    @media print{header.site,footer.site,.no-print,.skip,form{display:none}.table-scroll{overflow:visible;border:0}
    a{color:#1b1b1b;text-decoration:none}body{font-size:11pt}}

    """
}
