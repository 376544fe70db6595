using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcuSync.Server.Web;

/// <summary>
/// Reads secret or personal form fields (API keys, confirmation codes, emails) straight from the request instead of
/// handler parameters: MVC logs handler arguments at Trace level, and these values must never reach a log.
/// </summary>
internal static class FormValues
{
    public static string? Form(this PageModel page, string name) =>
        page.Request.HasFormContentType && page.Request.Form.TryGetValue(name, out var value) ? value.ToString() : null;

    public static string? Query(this PageModel page, string name) =>
        page.Request.Query.TryGetValue(name, out var value) ? value.ToString() : null;
}
