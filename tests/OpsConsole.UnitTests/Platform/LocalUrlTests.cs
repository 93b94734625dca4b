namespace OpsConsole.Platform;

public class LocalUrlTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/incidents/42", true)]
    [InlineData("/admin/audit?actor=ana%40example.com", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("/ok\\but-backslash", false)]
    [InlineData("https://evil.example", false)]
    [InlineData("evil.example", false)]
    [InlineData("/line\nbreak", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_paths_on_this_site_are_local(string? url, bool local)
    {
        Assert.Equal(local, LocalUrl.IsLocal(url));
    }
}
