import PRHubModel

/// The page frame every HTML view shares: inline CSS (light, dark, phone, print), no script, no external asset.
public enum HTMLPage {
    /// The Content-Security-Policy the pages are written for: nothing loads from anywhere, no script runs.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    public static func wrap(title: String, language: Language, body: String) -> String {
        """
        <!doctype html>
        <html lang="\(language == .zh ? "zh-CN" : "en")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
        <title>\(HTMLText.escape(title))</title>
        <style>\(css)</style>
        </head>
        <body>
        \(body)
        <footer><p>PRHub</p></footer>
        </body>
        </html>

        """
    }

    static let css = """
        :root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--panel:#f6f8fa;--line:#d1d9e0;--accent:#0969da;--bar:#3b82f6}
        summary{cursor:pointer}summary h2{display:inline}details>summary{margin:.5rem 0}cite{font-style:normal}
        @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--panel:#151b23;--line:#3d444d;--accent:#4493f8;--bar:#60a5fa}}
        *{box-sizing:border-box}body{margin:0 auto;max-width:60rem;padding:1rem 1.25rem 3rem;font:16px/1.6 system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC",sans-serif;color:var(--fg);background:var(--bg)}
        a{color:var(--accent)}h1{font-size:1.6rem;line-height:1.3}h2{border-bottom:1px solid var(--line);padding-bottom:.25rem;margin-top:2rem}
        h3{font-size:1.05rem;margin-top:1.4rem}code{font:0.9em ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--panel);padding:0 .25em;border-radius:4px;word-break:break-all}
        .meta{color:var(--muted)}.meta p{margin:.2rem 0}nav a{margin-right:1rem}
        table{border-collapse:collapse;width:100%;margin:.5rem 0;display:block;overflow-x:auto}th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left}td.num,th.num{text-align:right}
        .chart{margin:1rem 0;max-width:40rem}.chart-title{font-weight:600;fill:var(--fg);font-size:13px}.chart-label,.chart-value{fill:var(--muted);font-size:12px}
        .chart-bar{fill:var(--bar)}.spark-line{stroke:var(--bar);stroke-width:2}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(24rem,1fr));gap:0 1.5rem}
        li{margin:.25rem 0}footer{margin-top:3rem;color:var(--muted);font-size:.85rem}
        @media (max-width:40rem){body{font-size:15px;padding:.75rem}h1{font-size:1.3rem}}
        @media print{:root{--fg:#000;--bg:#fff;--muted:#333;--bar:#555}nav,footer{display:none}a{color:#000;text-decoration:none}h2{break-after:avoid}section{break-inside:auto}}
        """
}
