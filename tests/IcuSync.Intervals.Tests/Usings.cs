namespace IcuSync.Intervals.Tests;
