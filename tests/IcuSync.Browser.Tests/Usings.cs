namespace IcuSync.Browser.Tests;
