namespace IcuSync.Workouts.Tests;
