namespace IcuSync.Server.Tests;
