using IcuSync.Server.Accounts;

namespace IcuSync.Server.Tests.Accounts;

public sealed class InputRulesTests
{
    [Theory]
    [InlineData("Kim@Example.COM", "kim@example.com")]
    [InlineData("  first.last+tag@sub.example.org ", "first.last+tag@sub.example.org")]
    public void Valid_emails_are_trimmed_and_lower_cased(string input, string expected)
    {
        Assert.Equal(expected, InputRules.NormalizeEmail(input).Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("kim")]
    [InlineData("kim@")]
    [InlineData("@example.com")]
    [InlineData("kim@example")]
    [InlineData("kim@@example.com")]
    [InlineData("kim@example..com")]
    [InlineData("kim @example.com")]
    [InlineData("Kim <kim@example.com>")]
    [InlineData("kim@example.com;eve@example.com")]
    public void Invalid_emails_are_refused_naming_the_field(string? input)
    {
        var result = InputRules.NormalizeEmail(input, "coach email");

        Assert.Equal((AccountErrorCodes.InvalidEmail, "coach email"), (result.Error?.Code, result.Error?.Field));
    }

    [Theory]
    [InlineData("dana@sandbox.icusync.local", "d***@sandbox.icusync.local")]
    [InlineData("x", "***")]
    public void Emails_are_redacted_to_a_letter_and_the_domain(string email, string expected)
    {
        Assert.Equal(expected, InputRules.RedactEmail(email));
    }

    [Fact]
    public void Grants_accept_names_case_insensitively_and_the_read_and_all_aliases()
    {
        Assert.Equal(["get_fitness", "push_workout"], ToolCatalog.ParseGrants([" Get_Fitness ", "push_workout,get_fitness"]).Value!.Order(StringComparer.Ordinal));
        Assert.Equal(10, ToolCatalog.ParseGrants(["read"]).Value!.Count);
        Assert.Equal(13, ToolCatalog.ParseGrants(["all"]).Value!.Count);
        Assert.Equal(11, ToolCatalog.ParseGrants(["read", "delete_workout"]).Value!.Count);
    }

    [Fact]
    public void The_catalog_has_ten_read_tools_and_three_separately_grantable_writes()
    {
        Assert.Equal(10, ToolCatalog.ReadTools.Count);
        Assert.Equal(["push_workout", "edit_workout", "delete_workout"], ToolCatalog.WriteTools);
        Assert.False(ToolCatalog.IsGrantable(ToolCatalog.Settings));
        Assert.Equal(13, ToolCatalog.GrantableTools.Distinct().Count());
    }
}
