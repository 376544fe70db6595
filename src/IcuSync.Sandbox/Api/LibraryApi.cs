using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IcuSync.Sandbox.Api;

/// <summary>Workout library: folders (with children) and workouts. Bearer tokens need CALENDAR scopes here.</summary>
internal static class LibraryApi
{
    public static void Map(ApiMap map, SandboxStore store)
    {
        map.Get("/athlete/{id}/folders", context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Calendar, false, out var athleteId) is { } denied)
            {
                return denied;
            }

            var workouts = store.GetWorkouts(athleteId);
            return ApiResults.Json(new JsonArray([.. store.GetFolders(athleteId).Select(f => (JsonNode)Wire.Folder(f, workouts.Where(w => w.FolderId == f.Id)))]));
        });

        map.Post("/athlete/{id}/folders", async context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Calendar, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            var folder = store.CreateFolder(athleteId, await AthleteApi.BodyObjectAsync(context));
            return ApiResults.Json(Wire.Folder(folder, []));
        });

        // PUT-only on the real API: GET answers 405 (there is no per-folder workout list; filter GET /workouts by folder_id).
        map.Put("/athlete/{id}/folders/{folderId}/workouts", _ =>
            Task.FromResult(ApiResults.Error(422, "Updating plan workouts is not emulated by the sandbox.")));

        map.Get("/athlete/{id}/workouts", context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Calendar, false, out var athleteId) is { } denied)
            {
                return denied;
            }

            return ApiResults.Json(new JsonArray([.. store.GetWorkouts(athleteId).Select(w => (JsonNode)Wire.Workout(w))]));
        });

        map.Post("/athlete/{id}/workouts", async context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Calendar, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            return ApiResults.Json(Wire.Workout(store.CreateWorkout(athleteId, await AthleteApi.BodyObjectAsync(context))));
        });

        map.Get("/athlete/{id}/workouts/{workoutId}", context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Calendar, false, out var athleteId) is { } denied)
            {
                return denied;
            }

            var id = WorkoutId(context);
            return store.GetWorkouts(athleteId).FirstOrDefault(w => w.Id == id) is { } workout
                ? ApiResults.Json(Wire.Workout(workout))
                : ApiResults.NotFound($"Workout {AthleteApi.Route(context, "workoutId")} not found");
        });

        map.Put("/athlete/{id}/workouts/{workoutId}", async context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Calendar, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            return store.UpdateWorkout(athleteId, WorkoutId(context), await AthleteApi.BodyObjectAsync(context)) is { } workout
                ? ApiResults.Json(Wire.Workout(workout))
                : ApiResults.NotFound($"Workout {AthleteApi.Route(context, "workoutId")} not found");
        });

        map.Delete("/athlete/{id}/workouts/{workoutId}", context =>
        {
            if (Access.Athlete(context, store, AthleteApi.Route(context, "id"), Area.Calendar, true, out var athleteId) is { } denied)
            {
                return denied;
            }

            return store.DeleteWorkout(athleteId, WorkoutId(context))
                ? ApiResults.Empty()
                : ApiResults.NotFound($"Workout {AthleteApi.Route(context, "workoutId")} not found");
        });
    }

    private static int WorkoutId(HttpContext context) =>
        int.TryParse(AthleteApi.Route(context, "workoutId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : -1;
}
