using Herstelmeldpunt.Benchmarks;

// Measurements on a throw-away database of the PostgreSQL server in HERSTELMELDPUNT_TEST_POSTGRES (docs/figures.md):
//   ./bench.sh --reports 1000000   (national: every budget, a table, "budgets: N met, M missed"; see README)
//   dotnet run -c Release --project tests/Herstelmeldpunt.Benchmarks -- national 1000000 [figures-file|-] [intake-seconds]
//   dotnet run -c Release --project tests/Herstelmeldpunt.Benchmarks -- national 10000 figures-file|- intake-seconds sqlite   (no server)
//   dotnet run -c Release --project tests/Herstelmeldpunt.Benchmarks -- intake-parts [seconds=10]   (CPU per step of the public form)
//   dotnet run -c Release --project tests/Herstelmeldpunt.Benchmarks -- dashboard 100000
//   dotnet run -c Release --project tests/Herstelmeldpunt.Benchmarks -- lists 1000000
//   dotnet run -c Release --project tests/Herstelmeldpunt.Benchmarks -- timers 100000 [nodes=2]
//   dotnet run -c Release --project tests/Herstelmeldpunt.Benchmarks -- timer-lag 3000 [seconds=120]
//   dotnet run -c Release --project tests/Herstelmeldpunt.Benchmarks -- mail 10000 [nodes=1]
//   dotnet run -c Release --project tests/Herstelmeldpunt.Benchmarks -- idle 60
//   dotnet run -c Release --project tests/Herstelmeldpunt.Benchmarks -- retention 1000000
//   dotnet run -c Release --project tests/Herstelmeldpunt.Benchmarks -- estimate-watch 1000000   (the daily job on the seeded history)
//   dotnet run -c Release --project tests/Herstelmeldpunt.Benchmarks -- estimator [days=360] [seed=1]   (no database)
//   dotnet run -c Release --project tests/Herstelmeldpunt.Benchmarks -- letters [characters=10000] [letters=50]   (no database)
if (args.Length > 0 && args[0] == "bare-host")
{
    await BareHost.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), Environment.GetEnvironmentVariable("BARE_CONNECTION")!, Environment.GetEnvironmentVariable("BARE_PROVIDER") == "Sqlite");
    return;
}

if (args.Length > 0 && args[0] == "letters")
{
    LetterBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 50);
    return;
}

if (args.Length > 0 && args[0] == "estimator")
{
    EstimatorSimulation.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 360, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1);
    return;
}

if (args is ["national", _, _, _, "sqlite", ..])
{
    // The embedded default: a SQLite file of its own, no PostgreSQL server needed.
    await using var file = await BenchDatabase.CreateSqliteAsync();
    await NationalBenchmark.RunAsync(file, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2] != "-" ? args[2] : null, TimeSpan.FromSeconds(int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)));
    return;
}

var admin = Environment.GetEnvironmentVariable("HERSTELMELDPUNT_TEST_POSTGRES")
    ?? throw new InvalidOperationException("Set HERSTELMELDPUNT_TEST_POSTGRES to a PostgreSQL connection string of a user who may create databases.");
var mode = args.Length > 0 ? args[0] : "dashboard";
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;

await using var database = await BenchDatabase.CreateAsync(admin);
switch (mode)
{
    case "national":
        var missed = await NationalBenchmark.RunAsync(database, Arg(1, 1_000_000), args.Length > 2 && args[2] != "-" ? args[2] : null, TimeSpan.FromSeconds(Arg(3, 20)));
        Environment.ExitCode = 0; // missed budgets are a finding, not a failure of the run ({missed} in the last line)
        _ = missed;
        break;
    case "intake-parts":
        await IntakeParts.RunAsync(database, TimeSpan.FromSeconds(Arg(1, 10)));
        break;
    case "dashboard":
        await DashboardBenchmark.RunAsync(database, Arg(1, 100_000));
        break;
    case "lists":
        await ListBenchmark.RunAsync(database, Arg(1, 100_000));
        break;
    case "timers":
        await JobBenchmarks.TimerDrainAsync(database, Arg(1, 100_000), Arg(2, 2));
        break;
    case "timer-lag":
        await JobBenchmarks.TimerLagAsync(database, Arg(1, 3_000), Arg(2, 120));
        break;
    case "mail":
        await JobBenchmarks.MailDrainAsync(database, Arg(1, 10_000), Arg(2, 1));
        break;
    case "retention":
        await RetentionBenchmark.RunAsync(database, Arg(1, 100_000));
        break;
    case "estimate-watch":
        await HistorySeed.SeedAsync(database, Arg(1, 100_000));
        foreach (var figure in await EstimateWatchRun.RunAsync(database))
        {
            Console.WriteLine($"{figure.What}: {figure.Measured}");
        }

        break;
    case "idle":
        await JobBenchmarks.IdleCostAsync(database, Arg(1, 60));
        break;
    default:
        throw new ArgumentException($"Unknown benchmark '{mode}'.");
}
