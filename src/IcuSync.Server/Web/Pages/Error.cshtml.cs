using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IcuSync.Server.Web.Pages;

/// <summary>
/// The friendly error page: status codes re-executed by the status-code pages, unhandled exceptions, and named reasons
/// (a denied consent, an Intervals.icu outage, an expired link). It says what happened and what to do; never a stack trace.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Reason { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public string ActionUrl { get; private set; } = "/";

    public string ActionText { get; private set; } = "Go to the home page";

    public void OnGet(string? code) => Describe(code);

    public void OnPost(string? code) => Describe(code);

    private void Describe(string? code)
    {
        Reason = (code ?? "500").ToLowerInvariant();
        (int status, Title, Message, ActionUrl, ActionText) = Reason switch
        {
            "denied" => (StatusCodes.Status403Forbidden, "You didn't allow access on Intervals.icu",
                "IcuSync needs your permission on Intervals.icu to read your training data. Nothing was connected. If you changed your mind, start again and choose Approve; you can also connect with an API key instead.",
                "/signin", "Back to sign in"),
            "outage" => (StatusCodes.Status503ServiceUnavailable, "Intervals.icu isn't answering",
                "We couldn't reach Intervals.icu to finish signing you in. This usually passes within a few minutes. Nothing was changed on your account; please try again shortly.",
                "/signin", "Try again"),
            "signin" => (StatusCodes.Status400BadRequest, "The sign-in couldn't be completed",
                "The sign-in took too long, was already used, or started in another browser window. Start the sign-in again from this browser.",
                "/signin", "Start again"),
            "expired" => (StatusCodes.Status410Gone, "This link has expired",
                "Confirmation links work once and only for a short time. Ask for a new one: enter your email on the Manage your token page and follow the newest email.",
                "/coach/token", "Request a new link"),
            "used" => (StatusCodes.Status410Gone, "This link was already used",
                "Each confirmation link works once. If you still need your MCP URL or a new token, request a new link.",
                "/coach/token", "Request a new link"),
            "link" => (StatusCodes.Status404NotFound, "This link isn't valid",
                "The link may be incomplete (some mail apps break long links). Open it exactly as it appears in the newest email, or request a new one.",
                "/coach/token", "Request a new link"),
            "400" => (StatusCodes.Status400BadRequest, "That request couldn't be processed",
                "The form may have expired or been sent from another site. Go back, reload the page and try again.",
                "/", "Go to the home page"),
            "401" or "403" => (StatusCodes.Status403Forbidden, "You can't open this page",
                "Sign in with the account this page belongs to.",
                "/signin", "Sign in"),
            "404" => (StatusCodes.Status404NotFound, "Page not found",
                "There's no page at this address. Check the link, or start from the home page.",
                "/", "Go to the home page"),
            "405" => (StatusCodes.Status405MethodNotAllowed, "That action isn't available here",
                "Use the buttons on the page instead of opening this address directly.",
                "/", "Go to the home page"),
            "429" => (StatusCodes.Status429TooManyRequests, "Too many requests",
                "Please wait a minute and try again.",
                "/", "Go to the home page"),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side",
                "The problem has been logged. Please try again; if it keeps happening, contact the operator of this server.",
                "/", "Go to the home page"),
        };

        // A re-executed status keeps its original code; a named reason sets its own.
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            Response.StatusCode = status;
        }
    }
}
