using Microsoft.Playwright;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.BrowserTests.Infrastructure;

/// <summary>Steps every flow shares.</summary>
public static class PageSteps
{
    /// <summary>Signs in through the real form (scanning the sign-in page on the way) and waits to leave it.</summary>
    public static async Task SignInAsync(this IPage page, Accessibility a11y, string email, string password = TestData.Password)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await a11y.CheckAsync(page, "sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Identity/Account/Login", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Goes to a URL and checks it answered 200.</summary>
    public static async Task OpenAsync(this IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response is { Status: 200 }, $"GET {url} answered {response?.Status}");
    }

    public static string PathOf(this IPage page) => new Uri(page.Url).AbsolutePath;
}
