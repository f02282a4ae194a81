using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Audit;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Email;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Handouts;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Core.Reminders.Jobs;
using PhysioPortal.Core.Tokens;

namespace PhysioPortal.Core;

/// <summary>
/// Core registers its own services; the web project only composes (options from configuration, Identity, Hangfire's
/// storage and server, pages). Each concern has its own method, called from <see cref="AddPortalCore"/>.
/// </summary>
public static class PortalCoreServices
{
    /// <summary>
    /// The database (one context type, reached through the three doors of <see cref="PortalContexts"/>), the domain
    /// services, the handout, and the email planner, sender and jobs. Touches no database until a service is used.
    /// </summary>
    public static IServiceCollection AddPortalCore(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services
            .AddClinicData(connectionString)
            .AddClinicWork()
            .AddHandouts()
            .AddScheduledEmails()
            .AddAlerts();
    }

    /// <summary>The alerts inbox and the nightly missed-days job (alerts from logs are raised by the session logger).</summary>
    private static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddScoped<Alerts.AlertInbox>();
        services.AddScoped<Alerts.MissedDaysJob>();
        services.AddScoped<Outcomes.OutcomeRecorder>();
        return services;
    }

    /// <summary>The context factory with its doors; the injected <see cref="PortalDbContext"/> is the signed-in door.</summary>
    private static IServiceCollection AddClinicData(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton<ClinicDataVersions>();
        // Other portal processes on the same database hear of every change (two or more instances behind a proxy).
        services.AddSingleton(sp => new ClinicDataBroadcast(sp.GetRequiredService<ClinicDataVersions>(), connectionString,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ClinicDataBroadcast>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ClinicDataBroadcast>());
        services.AddSingleton<ClinicDataChanges>();
        // Pooled: a context's clinic scope is set by PortalContexts at each lease and cleared when it goes back.
        services.AddPooledDbContextFactory<PortalDbContext>((sp, o) => o
            .UseNpgsql(WithLibrarySearchThreshold(WithPreparedStatements(connectionString)), npgsql =>
            {
                npgsql.MigrationsAssembly("PhysioPortal.Migrations");
                npgsql.EnableRetryOnFailure(5, TimeSpan.FromSeconds(5), null);
            })
            // Template items only ever point at exercises their clinic can see, so the filtered required end is safe.
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning))
            .AddInterceptors(Operations.AlertsRaisedCounter.Instance, sp.GetRequiredService<ClinicDataChanges>()));
        services.AddHttpContextAccessor();
        services.TryAddScoped<IClinicScope, SignedInClinicScope>();
        services.AddScoped<PortalContexts>();
        services.Replace(ServiceDescriptor.Scoped(sp => sp.GetRequiredService<PortalContexts>().ForSignedInUser()));
        services.AddScoped<AllClinicsDb>();
        services.AddScoped<LibrarySeeder>();
        services.AddScoped<RoleSeeder>();
        services.AddScoped<DemoData>();
        return services;
    }

    /// <summary>
    /// Prepared statements for the queries every page repeats (PostgreSQL CPU for /me: 1.1 → 0.4 ms a request), unless
    /// the connection string chooses.
    /// </summary>
    private static string WithPreparedStatements(string connectionString)
    {
        if (connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            || connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString;
    }

    /// <summary>
    /// pg_trgm's word-similarity threshold for every connection of the portal's contexts, sent at connection start (so
    /// it costs no round trip and survives the pool's reset): the library search's indexable <c>&lt;%</c> depends on it
    /// (<see cref="LibraryFilter.Similarity"/>). Other options in the connection string are kept.
    /// </summary>
    internal static string WithLibrarySearchThreshold(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("pg_trgm.word_similarity_threshold", StringComparison.Ordinal) == true) return connectionString;
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? LibraryFilter.ConnectionOption : $"{builder.Options} {LibraryFilter.ConnectionOption}";
        return builder.ConnectionString;
    }

    /// <summary>Patients, prescriptions, session logs, link tokens and the audit log.</summary>
    private static IServiceCollection AddClinicWork(this IServiceCollection services)
    {
        services.AddScoped<PrescriptionService>();
        services.AddScoped<AuditLog>();
        services.AddScoped<SessionLogger>();
        services.AddScoped<SlippingPatients>();
        services.AddSingleton<CaseloadCache>();
        services.AddScoped<PatientInvitations>();
        services.AddScoped<PatientList>();
        services.AddScoped<PatientRecords>();
        services.AddScoped<PatientPreferencesChanged>();
        services.AddScoped<LinkTokens>();
        services.AddScoped<FavouriteStars>();
        return services;
    }

    /// <summary>The handout document (a singleton: thread-safe, caches font metrics) and its factory.</summary>
    private static IServiceCollection AddHandouts(this IServiceCollection services)
    {
        services.AddSingleton(_ => new HandoutDocument());
        services.AddScoped<HandoutFactory>();
        return services;
    }

    /// <summary>
    /// SMTP, the planner and sender (across clinics), unsubscribing, the jobs, and the hooks that plan right after a
    /// save or a change of preferences.
    /// </summary>
    private static IServiceCollection AddScheduledEmails(this IServiceCollection services)
    {
        services.AddScoped<SmtpMailer>();
        services.AddScoped<EmailPlanner>();
        services.AddScoped<HandoutAttachment>();
        services.AddScoped<EmailSender>();
        services.AddScoped<EmailUnsubscribe>();
        services.AddScoped<DigestSubscription>();
        // Only where the host has a key ring (the web app, and the jobs it runs): a process without one sends the digest
        // without its unsubscribe link rather than failing to start.
        services.AddSingleton(sp => sp.GetService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>() is { } p ? new DigestLinks(p) : null!);
        services.AddScoped<SendDueEmailsJob>();
        services.AddScoped<TopUpEmailsJob>();
        services.AddScoped<PlanPrescriptionEmailsJob>();
        services.AddScoped<PlanPatientEmailsJob>();
        services.AddScoped<PasswordResetEmail>();
        services.AddScoped<EmailPlanningHooks>();
        services.AddScoped<IPrescriptionSavedListener>(sp => sp.GetRequiredService<EmailPlanningHooks>());
        services.AddScoped<IPatientChangeListener>(sp => sp.GetRequiredService<EmailPlanningHooks>());
        return services;
    }
}
