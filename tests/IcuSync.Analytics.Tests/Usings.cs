namespace IcuSync.Analytics.Tests;
