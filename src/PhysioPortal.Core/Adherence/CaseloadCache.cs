using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Core.Adherence;

/// <summary>
/// A number per clinic that moves after every committed write of what a clinician's caseload is computed from
/// (patients, prescriptions, their versions and exercises, session logs). A figure computed while the number was N is
/// current while it is still N. Writes the interceptor cannot attribute to one clinic move every clinic's number.
/// Kept in this process; other processes on the database move it through <see cref="ClinicDataBroadcast"/>
/// (docs/decisions/0017-clinician-home-caseload-cache.md).
/// </summary>
public sealed class ClinicDataVersions
{
    /// <summary>Prescriptions remembered per clinic with the version their logs last changed at; beyond, forgotten.</summary>
    public const int MaxRemembered = 50_000;

    private sealed class ClinicLog
    {
        public long Version;

        /// <summary>The version of the newest change that was not session logs only.</summary>
        public long LastOther;

        /// <summary>Per prescription, the version of the newest change of its logs.</summary>
        public readonly Dictionary<Guid, long> Logs = [];
    }

    private readonly ConcurrentDictionary<Guid, ClinicLog> _clinics = new();
    private long _everyClinic;

    /// <summary>Read before reading the data: a write that commits after this moves the version.</summary>
    public (long Clinic, long Every) Current(Guid clinicId) =>
        (_clinics.TryGetValue(clinicId, out var log) ? Volatile.Read(ref log.Version) : 0, Interlocked.Read(ref _everyClinic));

    /// <summary>The clinic's data changed (called after the change is committed).</summary>
    public void Changed(Guid clinicId) => Changed(clinicId, null);

    /// <summary>
    /// The clinic's data changed; <paramref name="logsOf"/>, when given, says the change was to session logs only, of
    /// these prescriptions.
    /// </summary>
    public void Changed(Guid clinicId, IReadOnlyCollection<Guid>? logsOf)
    {
        var log = _clinics.GetOrAdd(clinicId, _ => new ClinicLog());
        lock (log)
        {
            var version = log.Version + 1;
            if (logsOf is null || log.Logs.Count + logsOf.Count > MaxRemembered)
            {
                log.LastOther = version;
                log.Logs.Clear();
            }
            else
            {
                foreach (var id in logsOf) log.Logs[id] = version;
            }
            Volatile.Write(ref log.Version, version);
        }
    }

    /// <summary>
    /// The prescriptions whose logs changed after version <paramref name="from"/> of the clinic (some may have changed
    /// again since: reading them again is harmless), when nothing but session logs changed since; null otherwise.
    /// </summary>
    public IReadOnlySet<Guid>? LogsChangedSince(Guid clinicId, long from)
    {
        if (!_clinics.TryGetValue(clinicId, out var log)) return from == 0 ? new HashSet<Guid>() : null;
        lock (log)
        {
            if (log.LastOther > from) return null;
            var changed = new HashSet<Guid>();
            foreach (var (id, version) in log.Logs)
            {
                if (version > from) changed.Add(id);
            }
            return changed;
        }
    }

    /// <summary>Data of some clinic, or of several, changed.</summary>
    public void ChangedEverywhere() => Interlocked.Increment(ref _everyClinic);
}

/// <summary>
/// Moves <see cref="ClinicDataVersions"/> after a save (or after its transaction commits) that added, changed or
/// removed a patient, prescription, prescription version, prescribed exercise or session log, and tells the other
/// portal processes (<see cref="ClinicDataBroadcast"/>, when there is one).
/// </summary>
public sealed class ClinicDataChanges(ClinicDataVersions versions, ClinicDataBroadcast? broadcast = null) : Data.SaveHooks, IDbTransactionInterceptor
{
    private sealed class Pending
    {
        /// <summary>Per clinic: the prescriptions whose logs changed, or null when something else changed too.</summary>
        public readonly Dictionary<Guid, HashSet<Guid>?> Clinics = [];
        public bool Everywhere;
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    // A failed save may have written part of the changes in someone else's transaction: move the versions anyway.
    protected override void SaveFailed(DbContext context) => Publish(context);

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Publish(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Publish(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context);
        return Task.CompletedTask;
    }

    protected override void BeforeSave(DbContext context)
    {
        Pending? pending = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Entity is not (Patient or Prescription or PrescriptionVersion or PrescribedExercise or SessionLog)) continue;
            pending ??= _pending.GetValue(context, _ => new Pending());
            if (ClinicOf(entry) is not { } clinic)
            {
                pending.Everywhere = true;
            }
            else if (entry.Entity is SessionLog log && (!pending.Clinics.TryGetValue(clinic, out var logsOf) || logsOf is not null))
            {
                if (!pending.Clinics.TryGetValue(clinic, out logsOf)) pending.Clinics[clinic] = logsOf = [];
                logsOf!.Add(log.PrescriptionId);
            }
            else
            {
                pending.Clinics[clinic] = null;
            }
        }
    }

    private static Guid? ClinicOf(EntityEntry entry) => entry.Entity switch
    {
        Patient p => p.ClinicId,
        Prescription p => p.ClinicId,
        SessionLog l => l.ClinicId,
        _ => (entry.Context as Data.PortalDbContext)?.CurrentClinicId,
    };

    // Inside a transaction the change is not visible to other connections until it commits.
    protected override void AfterSave(DbContext context)
    {
        if (context.Database.CurrentTransaction is null) Publish(context);
    }

    private void Publish(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return;
        _pending.Remove(context);
        foreach (var (clinic, logsOf) in pending.Clinics)
        {
            // Other processes hear "this clinic changed" (a full recomputation there): their caches stay correct.
            versions.Changed(clinic, logsOf);
            broadcast?.Changed(clinic);
        }
        if (pending.Everywhere)
        {
            versions.ChangedEverywhere();
            broadcast?.ChangedEverywhere();
        }
    }
}

/// <summary>
/// The clinician home's caseload (<see cref="SlippingPatients.CaseloadAsync"/>) kept per clinic and clinician while
/// nothing it is computed from has changed: no write to the clinic's patients, prescriptions or logs
/// (<see cref="ClinicDataVersions"/>) and no patient's day has turned over in their time zone since. Anything else
/// recomputes it from scratch, with the one rule. The home's other figures read from the same tables (the clinic's
/// counts, the clinician's newest routines) are kept the same way through <see cref="GetAsync{T}"/>.
/// </summary>
public sealed class CaseloadCache(ClinicDataVersions versions, TimeProvider clock)
{
    /// <summary>Entries kept at most; beyond it the cache is emptied (a clinician's entry is a few hundred rows).</summary>
    public const int MaxEntries = 4_000;

    private static readonly IReadOnlyDictionary<string, DateOnly> AnyDay = new Dictionary<string, DateOnly>();

    private sealed record Entry((long, long) Version, IReadOnlyDictionary<string, DateOnly> Todays, object Value);

    /// <summary>A caseload with what it was computed from, so that a write of logs only re-reads those prescriptions.</summary>
    private sealed record CaseloadEntry((long Clinic, long Every) Version, CaseloadInputs Inputs, ClinicianCaseload Caseload);

    private readonly ConcurrentDictionary<(Guid Clinic, string Clinician), CaseloadEntry> _caseloads = new();
    private readonly ConcurrentDictionary<(Guid Clinic, string Clinician, (long, long) Version), Lazy<Task<CaseloadEntry>>> _caseloadFlights = new();
    private long _partial;

    /// <summary>How many caseloads were brought up to date by re-reading only the prescriptions whose logs changed.</summary>
    public long PartialRefreshes => Interlocked.Read(ref _partial);

    private readonly ConcurrentDictionary<(Guid Clinic, string Key), Entry> _entries = new();
    private long _hits;

    // Misses of the same entry at the same version share one computation: 64 clinicians' tabs (or 64 bench
    // connections) opening the home right after a write compute it once, not 64 times at once.
    private readonly ConcurrentDictionary<(Guid Clinic, string Key, (long, long) Version), Lazy<Task<(object Value, IReadOnlyDictionary<string, DateOnly>? Todays)>>> _computing = new();

    /// <summary>How many reads were answered from the cache (for tests and the bench's profile).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>
    /// The clinician's caseload: from the cache while it is current; assembled again from the same inputs when only the
    /// day turned; with only the changed prescriptions' logs re-read when only session logs were written since; else
    /// computed from scratch.
    /// </summary>
    public async Task<ClinicianCaseload> GetAsync(Guid clinicId, string clinicianUserId, SlippingPatients slipping)
    {
        ArgumentNullException.ThrowIfNull(slipping);
        var key = (clinicId, clinicianUserId);
        var version = versions.Current(clinicId);
        _caseloads.TryGetValue(key, out var entry);
        if (entry is not null && entry.Version == version)
        {
            Interlocked.Increment(ref _hits);
            if (SameDays(entry.Caseload.Todays)) return entry.Caseload;
            var turned = entry with { Caseload = slipping.Assemble(entry.Inputs) };
            Store(key, turned);
            return turned.Caseload;
        }
        var logsOnly = entry is not null && entry.Version.Every == version.Every
            ? versions.LogsChangedSince(clinicId, entry.Version.Clinic)
            : null;
        var flightKey = (clinicId, clinicianUserId, version);
        var flight = _caseloadFlights.GetOrAdd(flightKey, _ => new(async () =>
        {
            // Shared by the waiters: no cancellation of one request stops the others' answer.
            CaseloadInputs inputs;
            if (logsOnly is not null)
            {
                Interlocked.Increment(ref _partial);
                inputs = await slipping.RefreshAsync(entry!.Inputs, [.. logsOnly], CancellationToken.None);
            }
            else
            {
                inputs = await slipping.InputsAsync(clinicianUserId, CancellationToken.None);
            }
            return new CaseloadEntry(version, inputs, slipping.Assemble(inputs));
        }));
        try
        {
            var fresh = await flight.Value;
            Store(key, fresh);
            return fresh.Caseload;
        }
        finally
        {
            _caseloadFlights.TryRemove(KeyValuePair.Create(flightKey, flight));
        }
    }

    private void Store((Guid, string) key, CaseloadEntry entry)
    {
        if (_caseloads.Count >= MaxEntries) _caseloads.Clear();
        // Never replace a newer entry with an older one (a slow flight finishing after a later one).
        _caseloads.AddOrUpdate(key, entry, (_, old) => old.Version.Clinic > entry.Version.Clinic || old.Version.Every > entry.Version.Every ? old : entry);
    }

    /// <summary>
    /// A figure of one clinic computed from its patients, prescriptions and logs, from the cache while no write has
    /// touched them and the days it depends on (<paramref name="compute"/>'s second part: time zone → today) hold.
    /// </summary>
    /// <param name="logsMatter">False for a figure that session logs do not change: writes of logs only keep it.</param>
    public async Task<T> GetAsync<T>(Guid clinicId, string key, Func<Task<(T Value, IReadOnlyDictionary<string, DateOnly>? Todays)>> compute,
        bool logsMatter = true)
        where T : class
    {
        var version = versions.Current(clinicId);
        if (_entries.TryGetValue((clinicId, key), out var entry) && SameDays(entry.Todays))
        {
            if (entry.Version == version
                || (!logsMatter && entry.Version.Item2 == version.Every && versions.LogsChangedSince(clinicId, entry.Version.Item1) is not null))
            {
                Interlocked.Increment(ref _hits);
                return (T)entry.Value;
            }
        }
        var flightKey = (clinicId, key, version);
        var flight = _computing.GetOrAdd(flightKey, _ => new(async () =>
        {
            var (v, t) = await compute();
            return ((object)v, t);
        }));
        try
        {
            var (value, todays) = await flight.Value;
            if (_entries.Count >= MaxEntries) _entries.Clear();
            _entries[(clinicId, key)] = new Entry(version, todays ?? AnyDay, value);
            return (T)value;
        }
        finally
        {
            _computing.TryRemove(KeyValuePair.Create(flightKey, flight));
        }
    }

    private bool SameDays(IReadOnlyDictionary<string, DateOnly> todays)
    {
        if (todays.Count == 0) return true;
        var now = clock.GetUtcNow();
        foreach (var (zone, today) in todays)
        {
            if (LocalDates.PatientToday(zone, now) != today) return false;
        }
        return true;
    }
}
