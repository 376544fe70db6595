namespace IcuSync.Workouts;
