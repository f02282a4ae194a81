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
        // The database stayed away longer than the retries wait: say so, as 503 with Retry-After, so that a person
        // (or a client) sends it again; what failed was not saved, and sending it again never makes a duplicate.
        if (code is null && DatabaseUnavailable(HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error))
        {
            Code = StatusCodes.Status503ServiceUnavailable;
            RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
            (Title, Message) = ("Not saved: please try again in a minute", "The portal cannot reach its database just now, so what you sent was not saved. Please send it again in a minute; sending it twice never makes a double entry.");
            Response.StatusCode = Code;
            Response.Headers.RetryAfter = "30";
            return;
        }
        Code = code ?? 500;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        (Title, Message) = Code switch
        {
            404 => ("Page not found", "We could not find that page. It may have moved, or the link may be incomplete."),
            400 => ("Something in the request was not right", "Please go back, check what you entered and try again."),
            403 => ("Not allowed", "Your account does not have access to this page."),
            429 => ("Too many attempts", "Please wait a minute and try again."),
            _ => ("Something went wrong", "We could not finish that, so it may not have been saved. Please go back, check that what you entered is still there, and try again in a moment."),
        };
        if (code is not null)
        {
            Response.StatusCode = Code;
        }
    }

    /// <summary>The exception, or one inside it, says the database could not be reached or went away.</summary>
    private static bool DatabaseUnavailable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException
                || (e is Npgsql.NpgsqlException npgsql && npgsql.IsTransient)
                || e is System.Net.Sockets.SocketException)
                return true;
        }
        return false;
    }
}
