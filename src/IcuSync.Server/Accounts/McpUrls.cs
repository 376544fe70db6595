using Microsoft.Extensions.Options;

namespace IcuSync.Server.Accounts;

/// <summary>Builds the public URLs the account system hands out: MCP connector URLs and confirmation links.</summary>
public sealed class McpUrls(IOptions<PublicUrlOptions> publicUrl, IOptions<AccountsOptions> accounts)
{
    private string Base => publicUrl.Value.BaseUrl.TrimEnd('/');

    /// <summary>The connector URL for a token: <c>{PublicBaseUrl}/mcp/{token}</c>.</summary>
    public string ForToken(string token) => $"{Base}/mcp/{token}";

    /// <summary>The confirmation link for a code: <c>{PublicBaseUrl}{ConfirmationPath}?code={code}</c>.</summary>
    public string ForConfirmation(string code) => $"{Base}{accounts.Value.ConfirmationPath}?code={Uri.EscapeDataString(code)}";

    /// <summary>Extracts the code from a confirmation link (or returns the input when it is a bare code).</summary>
    public static string CodeFromLink(string linkOrCode)
    {
        var text = (linkOrCode ?? "").Trim();
        var query = text.IndexOf("code=", StringComparison.Ordinal);
        if (query < 0)
        {
            return text;
        }

        var value = text[(query + 5)..];
        var end = value.IndexOfAny(['&', '#']);
        return Uri.UnescapeDataString(end < 0 ? value : value[..end]);
    }
}
