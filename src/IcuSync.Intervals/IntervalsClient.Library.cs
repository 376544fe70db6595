namespace IcuSync.Intervals;

public sealed partial class IntervalsClient
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<FolderDto>> ListFoldersAsync(IntervalsCredential credential, string athleteId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.ListFolders).Path("id", RequireAthleteId(athleteId));
        return await SendAsync(request, credential, IntervalsJsonContext.Default.ListFolderDto, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkoutDto>> ListWorkoutsAsync(IntervalsCredential credential, string athleteId, long? folderId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.ListWorkouts).Path("id", RequireAthleteId(athleteId));
        var workouts = await SendAsync(request, credential, IntervalsJsonContext.Default.ListWorkoutDto, cancellationToken).ConfigureAwait(false);
        return folderId is { } folder ? workouts.Where(w => w.FolderId == folder).ToList() : workouts;
    }

    /// <inheritdoc />
    public Task<WorkoutDto> GetWorkoutAsync(IntervalsCredential credential, string athleteId, long workoutId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new IntervalsRequest(IntervalsEndpoints.GetWorkout)
            .Path("id", RequireAthleteId(athleteId))
            .Path("workoutId", workoutId > 0 ? workoutId : throw Invalid($"'workoutId' is {workoutId}; expected a positive library workout id."));
        return SendAsync(request, credential, IntervalsJsonContext.Default.WorkoutDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WorkoutDto> CreateWorkoutAsync(IntervalsCredential credential, string athleteId, WorkoutDto workout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(workout);
        if (workout.FolderId is null or <= 0)
        {
            throw Invalid("The workout has no 'folder_id'. List the folders first and pass the id of the folder to put it in.");
        }

        if (string.IsNullOrWhiteSpace(workout.Name))
        {
            throw Invalid("The workout has no 'name'.");
        }

        var request = new IntervalsRequest(IntervalsEndpoints.CreateWorkout)
            .Path("id", RequireAthleteId(athleteId))
            .Json(workout with { WorkoutDoc = null }, IntervalsJsonContext.Default.WorkoutDto);
        return SendAsync(request, credential, IntervalsJsonContext.Default.WorkoutDto, cancellationToken);
    }

    /// <inheritdoc />
    public Task<FolderDto> CreateFolderAsync(IntervalsCredential credential, string athleteId, FolderDto folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(folder);
        if (string.IsNullOrWhiteSpace(folder.Name))
        {
            throw Invalid("The folder has no 'name'.");
        }

        var request = new IntervalsRequest(IntervalsEndpoints.CreateFolder)
            .Path("id", RequireAthleteId(athleteId))
            .Json(folder with { Type = folder.Type ?? "FOLDER", Children = null }, IntervalsJsonContext.Default.FolderDto);
        return SendAsync(request, credential, IntervalsJsonContext.Default.FolderDto, cancellationToken);
    }
}
