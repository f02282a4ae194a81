using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PhysioPortal.Web.Pages;

/// <summary>The one page shown for errors and for status codes such as 404, without any technical detail.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public class ErrorModel : PageModel
{
    public string? RequestId { get; private set; }
    public bool ShowRequestId => Code >= 500 && !string.IsNullOrEmpty(RequestId);
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        Code = code ?? 500;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        (Title, Message) = Code switch
        {
            404 => ("Page not found", "We could not find that page. It may have moved, or the link may be incomplete."),
            400 => ("Something in the request was not right", "Please go back, check what you entered and try again."),
            403 => ("Not allowed", "Your account does not have access to this page."),
            429 => ("Too many attempts", "Please wait a minute and try again."),
            _ => ("Something went wrong", "We could not finish that. Nothing you entered is lost; please try again in a moment."),
        };
        if (code is not null)
        {
            Response.StatusCode = Code;
        }
    }
}
