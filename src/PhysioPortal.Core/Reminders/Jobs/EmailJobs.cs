using Hangfire;
using Microsoft.Extensions.Logging;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Core.Reminders.Jobs;

/// <summary>
/// Sends what is due. Safe to run twice or side by side: rows are claimed atomically, and each row keeps its own retry
/// count, so Hangfire does not retry the job itself. Recurring every minute, and enqueued right after a
/// new-prescription email is planned.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class SendDueEmailsJob(EmailSender sender)
{
    public const string RecurringId = "emails-send-due";

    public async Task RunAsync(CancellationToken ct) => await sender.SendDueAsync(ct);
}

/// <summary>Keeps the planning window filled and cancels what no longer fits. Recurring every 15 minutes; idempotent.</summary>
[AutomaticRetry(Attempts = 3)]
public sealed class TopUpEmailsJob(EmailPlanner planner)
{
    public const string RecurringId = "emails-plan-window";

    public async Task RunAsync(CancellationToken ct) => await planner.TopUpAsync(ct);
}

/// <summary>Plans one prescription (the fallback when planning right after a save failed). Idempotent.</summary>
[AutomaticRetry(Attempts = 5)]
public sealed class PlanPrescriptionEmailsJob(EmailPlanner planner, IBackgroundJobClient jobs)
{
    public async Task RunAsync(Guid prescriptionId, int? announceVersion, CancellationToken ct)
    {
        var result = await planner.PlanPrescriptionAsync(prescriptionId, announceVersion, ct);
        if (result.DueNow) jobs.Enqueue<SendDueEmailsJob>(j => j.RunAsync(CancellationToken.None));
    }
}

/// <summary>Re-plans one patient (the fallback when planning right after a change failed). Idempotent.</summary>
[AutomaticRetry(Attempts = 5)]
public sealed class PlanPatientEmailsJob(EmailPlanner planner)
{
    public async Task RunAsync(Guid patientId, CancellationToken ct) => await planner.PlanPatientAsync(patientId, ct);
}

/// <summary>
/// Plans emails when a prescription is saved or a patient's preferences change, right away in the request (so the
/// new-prescription email leaves within seconds: the sender job is enqueued at once). Should planning fail, the save
/// still stands and a job plans again with retries.
/// </summary>
public sealed class EmailPlanningHooks(EmailPlanner planner, IBackgroundJobClient jobs, ILogger<EmailPlanningHooks> logger)
    : IPrescriptionSavedListener, IPatientChangeListener
{
    public async Task PrescriptionSavedAsync(Guid prescriptionId, int versionNumber, CancellationToken ct = default)
    {
        try
        {
            var result = await planner.PlanPrescriptionAsync(prescriptionId, versionNumber, ct);
            if (result.DueNow) jobs.Enqueue<SendDueEmailsJob>(j => j.RunAsync(CancellationToken.None));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Planning emails for prescription {Id} failed; a background job will try again", prescriptionId);
            jobs.Enqueue<PlanPrescriptionEmailsJob>(j => j.RunAsync(prescriptionId, versionNumber, CancellationToken.None));
        }
    }

    public async Task PatientChangedAsync(Guid patientId, CancellationToken ct = default)
    {
        try
        {
            await planner.PlanPatientAsync(patientId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Re-planning emails for patient {Id} failed; a background job will try again", patientId);
            jobs.Enqueue<PlanPatientEmailsJob>(j => j.RunAsync(patientId, CancellationToken.None));
        }
    }
}
