using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace PhysioPortal.Tests.Infrastructure;

/// <summary>
/// A browser-like HTTP client for the portal's pages: keeps cookies, reads forms with their antiforgery token and
/// posts them back as a browser would.
/// </summary>
public sealed class PortalClient(HttpClient http)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public async Task<HttpResponseMessage> GetAsync(string url) => await Http.GetAsync(url);

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return (response, Parser.ParseDocument(html));
    }

    /// <summary>GETs the page, fills the form (the first one, or the one matching the selector) and posts it.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string url, IEnumerable<KeyValuePair<string, string>> values, string formSelector = "main form")
    {
        var (response, document) = await GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = document.QuerySelector(formSelector) as IHtmlFormElement
                   ?? throw new InvalidOperationException($"No form '{formSelector}' on {url}");
        var fields = FormFields(form);
        foreach (var group in values.GroupBy(v => v.Key))
        {
            fields.RemoveAll(f => f.Key == group.Key);
            fields.AddRange(group);
        }
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await Http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Posts the form of a page already loaded (say, the builder as the last post left it) to an action URL, with some
    /// fields replaced. A null value removes the field (an unticked checkbox).
    /// </summary>
    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> PostPageAsync(
        IHtmlDocument page, string actionUrl, IEnumerable<KeyValuePair<string, string?>> values, string formSelector = "main form")
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
                   ?? throw new InvalidOperationException($"No form '{formSelector}' on the page");
        var fields = FormFields(form);
        foreach (var group in values.GroupBy(v => v.Key))
        {
            fields.RemoveAll(f => f.Key == group.Key);
            fields.AddRange(group.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string>(v.Key, v.Value!)));
        }
        var response = await Http.PostAsync(actionUrl, new FormUrlEncodedContent(fields));
        return (response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    public Task<HttpResponseMessage> SubmitFormAsync(string url, object values, string formSelector = "main form") =>
        SubmitFormAsync(url, ToPairs(values), formSelector);

    /// <summary>The current values of a form's fields, as a browser would submit them.</summary>
    public static List<KeyValuePair<string, string>> FormFields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name)) continue;
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked) fields.Add(new(name, input.Value ?? "on"));
                    break;
                case IHtmlInputElement { Type: "submit" or "button" }:
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value ?? ""));
                    break;
                case IHtmlSelectElement select:
                    foreach (var option in select.Options.Where(o => o.IsSelected)) fields.Add(new(name, option.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value ?? ""));
                    break;
            }
        }
        return fields;
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var response = await SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return response;
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    private static IEnumerable<KeyValuePair<string, string>> ToPairs(object values) => values switch
    {
        IEnumerable<KeyValuePair<string, string>> pairs => pairs,
        _ => values.GetType().GetProperties().Select(p => new KeyValuePair<string, string>(
            p.Name.Replace("__", "."), Convert.ToString(p.GetValue(values), System.Globalization.CultureInfo.InvariantCulture) ?? "")),
    };
}
