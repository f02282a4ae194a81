using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PhysioPortal.Core.Data;

namespace PhysioPortal.Core.Exercises;

/// <summary>
/// Puts the built-in library and templates into the database on start: inserts what is missing, updates rows whose
/// seed entry changed (by hash), leaves unchanged rows alone. Safe to run on every start and from two instances.
/// </summary>
public sealed class LibrarySeeder(PortalDbContext db, ILogger<LibrarySeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        var existing = await db.Exercises.Where(e => e.ClinicId == null)
            .ToDictionaryAsync(e => e.Slug, ct);
        int added = 0, updated = 0;
        var order = 0;
        foreach (var seed in ExerciseLibrary.Exercises)
        {
            order++;
            var hash = Hash(seed);
            var regions = BuiltInRegions.For(seed.Slug);
            if (!existing.TryGetValue(seed.Slug, out var row))
            {
                row = new Exercise { Id = Guid.NewGuid(), Slug = seed.Slug, Name = seed.Name, Targets = seed.Targets };
                db.Exercises.Add(row);
                existing[seed.Slug] = row;
                added++;
            }
            else if (row.SeedHash == hash && row.SortOrder == order && row.Regions == regions)
            {
                continue;
            }
            else
            {
                updated++;
            }
            row.Regions = regions;
            CopySeed(seed, row);
            row.SortOrder = order;
            row.SeedHash = hash;
        }
        await db.SaveChangesAsync(ct);

        var templates = await db.RoutineTemplates.Include(t => t.Items)
            .Where(t => t.ClinicId == null).ToDictionaryAsync(t => t.Slug, ct);
        int tAdded = 0, tUpdated = 0;
        order = 0;
        foreach (var seed in ExerciseLibrary.Templates)
        {
            order++;
            var hash = Hash(seed);
            if (!templates.TryGetValue(seed.Slug, out var row))
            {
                row = new RoutineTemplate { Id = Guid.NewGuid(), Slug = seed.Slug, Name = seed.Name, Description = seed.Description };
                db.RoutineTemplates.Add(row);
                tAdded++;
            }
            else if (row.SeedHash == hash && row.SortOrder == order)
            {
                continue;
            }
            else
            {
                tUpdated++;
                db.RemoveRange(row.Items);
                row.Items.Clear();
            }
            row.Name = seed.Name;
            row.Condition = seed.Condition;
            row.Description = seed.Description;
            row.DefaultDays = seed.Days;
            row.DefaultSessionsPerDay = seed.SessionsPerDay;
            row.DefaultWeeks = seed.Weeks;
            row.SortOrder = order;
            row.SeedHash = hash;
            var position = 0;
            foreach (var item in seed.Items)
            {
                var exercise = existing.TryGetValue(item.ExerciseSlug, out var e)
                    ? e
                    : throw new InvalidOperationException($"Template '{seed.Slug}' names unknown exercise '{item.ExerciseSlug}'.");
                row.Items.Add(new RoutineTemplateItem
                {
                    Id = Guid.NewGuid(),
                    TemplateId = row.Id,
                    ExerciseId = exercise.Id,
                    Position = ++position,
                    Dosage = item.Dosage ?? exercise.DefaultDosage,
                    Note = item.Note,
                });
            }
        }
        await db.SaveChangesAsync(ct);
        if (added + updated + tAdded + tUpdated > 0)
        {
            logger.LogInformation("Exercise library: {Added} exercises added, {Updated} updated; templates: {TAdded} added, {TUpdated} updated",
                added, updated, tAdded, tUpdated);
        }
    }

    private static string Hash(object seed)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(seed, seed.GetType());
        return Convert.ToHexString(SHA256.HashData(json));
    }

    /// <summary>A built-in exercise as its library row would be (not stored): for code that needs one without a database.</summary>
    public static Exercise ToExercise(ExerciseSeed seed)
    {
        var row = new Exercise { Id = Guid.NewGuid(), Slug = seed.Slug, Name = seed.Name, Targets = seed.Targets };
        CopySeed(seed, row);
        return row;
    }

    private static void CopySeed(ExerciseSeed seed, Exercise row)
    {
        row.Name = seed.Name;
        row.Group = seed.Group;
        row.Position = seed.Position;
        row.Equipment = seed.Equipment;
        row.Steps = [.. seed.Steps];
        row.Targets = seed.Targets;
        row.DefaultDosage = seed.Dosage;
        row.Cautions = seed.Cautions;
        row.VariantNote = seed.VariantNote;
    }
}
