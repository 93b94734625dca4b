using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Components.Shell;
using OpsConsole.Platform;

namespace OpsConsole.Components;

public class LocalTimeTests
{
    static readonly DateTimeOffset Summer = DateTimeOffset.Parse("2026-07-01T12:00:00Z", CultureInfo.InvariantCulture);
    static readonly DateTimeOffset Winter = DateTimeOffset.Parse("2026-01-15T12:00:00Z", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Times_say_UTC_until_the_browser_zone_is_known_then_follow_it_across_daylight_saving()
    {
        await using var ctx = new BunitContext();
        var module = ctx.JSInterop.SetupModule("./js/timezone.js");
        module.Setup<string?>("timeZone").SetResult("America/New_York");
        ctx.Services.AddScoped<BrowserTimeZone>();
        var summer = ctx.Render<LocalTime>(p => p.Add(c => c.At, Summer));
        var winter = ctx.Render<LocalTime>(p => p.Add(c => c.At, Winter));
        Assert.Equal("2026-07-01 12:00:00 UTC", summer.Find("span").TextContent);

        await ctx.Services.GetRequiredService<BrowserTimeZone>().DetectAsync(ctx.JSInterop.JSRuntime, CancellationToken.None);

        summer.WaitForAssertion(() => Assert.Equal("2026-07-01 08:00:00", summer.Find("span").TextContent));   // EDT, UTC-4
        Assert.Equal("2026-01-15 07:00:00", winter.Find("span").TextContent);                                   // EST, UTC-5
        Assert.Equal("2026-07-01 12:00:00 UTC", summer.Find("span").GetAttribute("title"));
    }

    [Fact]
    public async Task An_unknown_zone_from_the_browser_keeps_times_in_UTC_and_says_so()
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.SetupModule("./js/timezone.js").Setup<string?>("timeZone").SetResult("Mars/Olympus_Mons");
        ctx.Services.AddScoped<BrowserTimeZone>();
        var time = ctx.Render<LocalTime>(p => p.Add(c => c.At, Summer));

        await ctx.Services.GetRequiredService<BrowserTimeZone>().DetectAsync(ctx.JSInterop.JSRuntime, CancellationToken.None);

        Assert.Equal("2026-07-01 12:00:00 UTC", time.Find("span").TextContent);
    }

    [Fact]
    public async Task A_missing_time_shows_the_placeholder()
    {
        await using var ctx = new BunitContext();
        ctx.Services.AddScoped<BrowserTimeZone>();

        var time = ctx.Render<LocalTime>(p => p.Add(c => c.At, null).Add(c => c.Empty, "never"));

        Assert.Equal("never", time.Find("span").TextContent);
    }
}
