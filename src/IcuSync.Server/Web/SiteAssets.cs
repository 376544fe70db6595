using System.Security.Cryptography;
using System.Text;

namespace IcuSync.Server.Web;

/// <summary>
/// The dashboard's one stylesheet and one script, compiled into the assembly so the pages look the same whatever the
/// content root (a published folder, <c>dotnet run</c>, a test host) and without a front-end build step.
/// </summary>
internal static class SiteAssets
{
    public const string Styles = """
        :root {
          --ink: #1b1f24; --muted: #4f5963; --line: #d5dbe1; --bg: #f6f8fa; --card: #ffffff;
          --brand: #0b5cad; --brand-ink: #ffffff; --ok: #1d6b36; --ok-bg: #e7f5ec; --warn: #7a4a00; --warn-bg: #fff4dc;
          --bad: #a3221c; --bad-bg: #fdecea; --focus: #ffbf47;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          line-height: 1.5; color: var(--ink); background: var(--bg);
        }
        * { box-sizing: border-box; }
        body { margin: 0; }
        a { color: var(--brand); }
        a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible, .button:focus-visible {
          outline: 3px solid var(--focus); outline-offset: 2px;
        }
        .skip { position: absolute; left: -999px; top: 0; background: var(--card); padding: .5rem 1rem; }
        .skip:focus { left: .5rem; z-index: 10; }
        .demo-banner { background: var(--warn-bg); color: var(--warn); border-bottom: 1px solid #e8cf94; padding: .6rem 1rem; text-align: center; }
        .demo-banner a { color: var(--warn); font-weight: 600; }
        header.site { background: var(--card); border-bottom: 1px solid var(--line); }
        header.site nav { max-width: 64rem; margin: 0 auto; padding: .6rem 1rem; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.25rem; }
        header.site .brand { font-weight: 700; font-size: 1.15rem; text-decoration: none; color: var(--ink); margin-right: auto; }
        header.site ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; align-items: center; }
        header.site form { display: inline; margin: 0; }
        main { max-width: 64rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
        footer { max-width: 64rem; margin: 0 auto; padding: 1rem; color: var(--muted); font-size: .9rem; border-top: 1px solid var(--line); }
        h1 { font-size: 1.9rem; line-height: 1.2; margin: .5rem 0 1rem; }
        h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; }
        h3 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
        .lead { font-size: 1.15rem; color: var(--muted); max-width: 44rem; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: 1rem 1.25rem; margin: 1rem 0; }
        .grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); }
        .grid > .card { margin: 0; }
        .card > :first-child { margin-top: 0; }
        .button, button {
          display: inline-block; font: inherit; font-weight: 600; padding: .55rem 1rem; border-radius: .4rem; cursor: pointer;
          border: 1px solid var(--brand); background: var(--brand); color: var(--brand-ink); text-decoration: none; line-height: 1.3;
        }
        .button.secondary, button.secondary { background: var(--card); color: var(--brand); }
        button.danger { background: var(--bad); border-color: var(--bad); }
        button.link { background: none; border: none; color: var(--brand); padding: 0; text-decoration: underline; font-weight: 400; }
        .actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .75rem 0; }
        label { font-weight: 600; display: block; margin: .75rem 0 .25rem; }
        .check label, label.check { display: inline; font-weight: 400; margin: 0 0 0 .35rem; }
        .check { display: flex; align-items: flex-start; gap: .1rem; padding: .15rem 0; }
        .check input { margin-top: .35rem; }
        .hint { color: var(--muted); font-size: .92rem; margin: .2rem 0; }
        input[type=text], input[type=email], input[type=password], input[type=url] {
          font: inherit; width: 100%; max-width: 32rem; padding: .5rem .6rem; border: 1px solid #8a949e; border-radius: .35rem; background: #fff;
        }
        input.url { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9rem; max-width: 100%; }
        fieldset { border: 1px solid var(--line); border-radius: .4rem; margin: .75rem 0; padding: .5rem 1rem .75rem; }
        legend { font-weight: 600; padding: 0 .25rem; }
        .tools { columns: 2 15rem; column-gap: 1.5rem; }
        .field-error, .error-summary { color: var(--bad); }
        .error-summary { background: var(--bad-bg); border: 1px solid #f3b8b3; border-radius: .4rem; padding: .6rem 1rem; }
        .notice { background: var(--ok-bg); color: var(--ok); border: 1px solid #b5dfc2; border-radius: .4rem; padding: .6rem 1rem; }
        .warning { background: var(--warn-bg); color: var(--warn); border: 1px solid #e8cf94; border-radius: .4rem; padding: .6rem 1rem; }
        .status { font-weight: 600; }
        .status.ok { color: var(--ok); } .status.off { color: var(--bad); }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .45rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        .table-wrap { overflow-x: auto; }
        ol.steps { padding-left: 1.4rem; } ol.steps li { margin: .35rem 0; }
        ul.plain { list-style: none; padding: 0; margin: 0; }
        ul.log li { padding: .3rem 0; border-bottom: 1px solid var(--line); }
        time, .muted { color: var(--muted); }
        code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; }
        details { margin: .5rem 0; }
        details > summary { cursor: pointer; color: var(--brand); font-weight: 600; }
        details[open] > summary { margin-bottom: .5rem; }
        .coach { border-top: 1px solid var(--line); padding-top: .75rem; margin-top: .75rem; }
        .coach:first-of-type { border-top: 0; margin-top: 0; }
        pre.mail { white-space: pre-wrap; word-break: break-word; background: #fff; border: 1px solid var(--line); padding: 1rem; border-radius: .4rem; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        @media (max-width: 40rem) { h1 { font-size: 1.5rem; } main { padding-top: 1rem; } .tools { columns: 1; } }
        """;

    public const string Script = """
        // Progressive enhancement only: every page works without this file.
        document.addEventListener('click', function (event) {
          var button = event.target.closest('[data-copy-target]');
          if (!button) { return; }
          var field = document.getElementById(button.getAttribute('data-copy-target'));
          var status = document.getElementById(button.getAttribute('data-copy-status'));
          if (!field) { return; }
          var done = function (text) { if (status) { status.textContent = text; } };
          var fallback = function () {
            field.focus(); field.select();
            try { document.execCommand('copy'); done('Copied to the clipboard.'); } catch (e) { done('Press Ctrl+C (or Cmd+C) to copy.'); }
          };
          if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(field.value).then(function () { done('Copied to the clipboard.'); }, fallback);
          } else {
            fallback();
          }
        });
        """;

    /// <summary>A short content hash, appended to asset URLs so browsers can cache them and still get changes.</summary>
    public static string Version { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Styles + Script)))[..12];

    public static IResult Serve(HttpContext context, string content, string contentType)
    {
        var etag = "\"" + Version + "\"";
        context.Response.Headers.CacheControl = "public, max-age=86400";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Text(content, contentType);
    }
}
