namespace PhysioPortal.Core.Reminders;

/// <summary>How scheduled emails are planned and sent, bound from the "Reminders" section.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>The portal's public address for links in emails (copied from Portal:PublicUrl).</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>How far ahead rows are planned; the top-up job keeps this window filled.</summary>
    public TimeSpan LookAhead { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Rows a sender claims at once (one SMTP connection per batch).</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Batches one run of the sender job handles at most before leaving the rest to the next run.</summary>
    public int MaxBatchesPerRun { get; set; } = 100;

    /// <summary>Send attempts before a row is marked failed for admins.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt; doubled for each further one (1, 2, 4, 8, 16 minutes ...).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// A claim not renewed for this long belongs to a sender that stopped. A sender renews the claims it holds as each
    /// email reaches DATA, so this must exceed the time one email takes (its SMTP commands, each bounded by
    /// Email:TimeoutSeconds, default 30 s) and the composing of a batch.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Scheduled days in a row without a log before the nudge.</summary>
    public int NudgeAfterMissedDays { get; set; } = 3;

    /// <summary>How long the unsubscribe link in an email works.</summary>
    public TimeSpan UnsubscribeLinkLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long the link in a questionnaire email works (the next one comes 2 weeks later).</summary>
    public TimeSpan QuestionnaireLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long the one-tap log link in a reminder works.</summary>
    public TimeSpan OneTapLinkLifetime { get; set; } = TimeSpan.FromDays(3);

    public string PortalUrl(string path) => PublicUrl.TrimEnd('/') + "/" + path.TrimStart('/');

    /// <summary>The wait before attempt number <paramref name="attemptsSoFar"/> + 1.</summary>
    public TimeSpan RetryDelay(int attemptsSoFar)
    {
        var factor = Math.Pow(2, Math.Max(0, attemptsSoFar - 1));
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstRetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay;
    }
}
