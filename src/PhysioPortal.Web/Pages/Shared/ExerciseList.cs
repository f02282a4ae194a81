using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Web.Pages.Clinic.Library;
using PhysioPortal.Web.Pages.Clinic.Patients;

namespace PhysioPortal.Web.Pages.Shared;

/// <summary>
/// The exercise list being put together in a form that posts whole (the prescription builder, a clinic routine's
/// editor): add from the library search, move, remove. Each step answers with what the page should say.
/// </summary>
public static class ExerciseList
{
    /// <summary>Adds the exercise with its default dosage, unless it is missing, already there or the list is full.</summary>
    public static async Task<string> AddAsync(PortalDbContext db, List<PrescribeItemInput> items, Guid exerciseId)
    {
        var exercise = await db.Exercises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == exerciseId && e.ArchivedAt == null);
        if (exercise is null) return "That exercise is not in your clinic's library.";
        if (items.Any(i => i.ExerciseId == exerciseId)) return $"{exercise.Name} is already in the routine.";
        if (items.Count >= PrescriptionDraft.MaxExercises) return $"A routine can have at most {PrescriptionDraft.MaxExercises} exercises.";
        items.Add(PrescribeItemInput.From(new DraftItem(exercise.Id, exercise.DefaultDosage, null)));
        return $"Added {exercise.Name}.";
    }

    public static void Remove(List<PrescribeItemInput> items, int index)
    {
        if (index >= 0 && index < items.Count) items.RemoveAt(index);
    }

    public static void Move(List<PrescribeItemInput> items, int index, int by)
    {
        var to = index + by;
        if (index >= 0 && index < items.Count && to >= 0 && to < items.Count)
        {
            (items[index], items[to]) = (items[to], items[index]);
        }
    }

    /// <summary>
    /// The library search under the list: the clinician's starred exercises first, leaving out those already chosen.
    /// Nothing is searched while every filter is empty.
    /// </summary>
    public static async Task<ExerciseSearchView> SearchAsync(PortalDbContext db, FavouriteStars favourites, string userId,
        LibraryFilterInput find, IEnumerable<Guid> chosen)
    {
        if (find.IsEmpty) return new ExerciseSearchView(find, null, [], []);
        var (filter, error) = find.ToFilter();
        var leaveOut = chosen.ToList();
        var query = LibrarySearch.Apply(db.Exercises.AsNoTracking(), filter).Where(e => !leaveOut.Contains(e.Id));
        var starred = await favourites.StarredAsync(userId, FavouriteKind.Exercise);
        var results = await LibrarySearch.ReadAsync(db, filter, ct => LibrarySearch.Ordered(query, filter, starred).Take(20).ToListAsync(ct));
        return new ExerciseSearchView(find, error, results, starred);
    }
}

/// <summary>The "Add an exercise" card (_AddExercise.cshtml): the filters as typed and what they found.</summary>
public sealed record ExerciseSearchView(LibraryFilterInput Find, string? FilterError, IReadOnlyList<Exercise> Results, HashSet<Guid> Starred);

/// <summary>One exercise of the list being edited (_ExerciseItem.cshtml): its fields, and the exercise if the clinic can see it.</summary>
public sealed record ExerciseItemView(int Index, PrescribeItemInput Item, Exercise? Exercise, int Count)
{
    public string Prefix => $"Input.Items[{Index}]";
}
