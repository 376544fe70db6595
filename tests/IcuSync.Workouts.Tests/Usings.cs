global using IcuSync.Workouts;
