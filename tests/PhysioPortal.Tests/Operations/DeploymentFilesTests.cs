using System.Diagnostics;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Operations;

/// <summary>
/// The files an operator deploys with: docker-compose.yml (nginx + two portal instances + PostgreSQL + a mail catcher)
/// as docker-compose reads it, and the nginx site it mounts as nginx reads it. (No Docker engine runs here: the
/// two-instance behaviour itself is <see cref="TwoInstancesTests"/>, with Debian's nginx and real processes.)
/// </summary>
public class DeploymentFilesTests
{
    private static (int ExitCode, string Output) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = SourceTree.Root };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), $"{program} did not finish in a minute");
        return (process.ExitCode, output.Result + error.Result);
    }

    private static string DockerCompose =>
        File.Exists("/usr/bin/docker-compose") ? "/usr/bin/docker-compose"
        : throw new InvalidOperationException("docker-compose is missing: sudo apt-get install -y docker-compose (./portal test does it when run as root).");

    [Fact]
    public void Docker_compose_runs_two_portal_instances_behind_nginx_on_one_database()
    {
        var (exit, output) = Run(DockerCompose, "-f", "docker-compose.yml", "config");
        Assert.True(exit == 0, output);
        var (_, services) = Run(DockerCompose, "-f", "docker-compose.yml", "config", "--services");
        Assert.Equal(["db", "mail", "portal", "proxy"], services.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order());

        var portal = Section(output, "  portal:");
        Assert.Contains("    scale: 2", portal, StringComparison.Ordinal);
        Assert.Contains("Host=db;", portal, StringComparison.Ordinal); // one database for both
        Assert.Contains("keycert:/app/.data", portal, StringComparison.Ordinal); // one key certificate for both
        Assert.DoesNotContain("    ports:", portal, StringComparison.Ordinal); // only through the proxy
        var proxy = Section(output, "  proxy:");
        Assert.Contains("deploy/nginx/physioportal.conf:/etc/nginx/conf.d/default.conf:ro", proxy, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:5080:80", proxy, StringComparison.Ordinal);
    }

    /// <summary>The lines of one service in docker-compose's normalised output (indented by two spaces).</summary>
    private static string Section(string config, string header)
    {
        var lines = config.Split('\n');
        var start = Array.IndexOf(lines, header);
        Assert.True(start >= 0, $"no {header.Trim()} in:\n{config}");
        return string.Join('\n', lines.Skip(start + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_nginx_site_of_the_compose_file_is_valid_nginx()
    {
        var folder = Directory.CreateTempSubdirectory("portal-nginx-check-").FullName;
        try
        {
            var site = Path.Combine(SourceTree.Root, "deploy", "nginx", "physioportal.conf");
            File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
                {{(Environment.UserName == "root" ? "user root;" : "")}}
                pid {{folder}}/nginx.pid;
                error_log {{folder}}/error.log;
                events { }
                http {
                    access_log off;
                {{Nginx.TempPaths(folder)}}
                    include {{site}};
                }
                """);
            var (exit, output) = Run("/usr/sbin/nginx", "-t", "-p", folder, "-e", Path.Combine(folder, "error.log"), "-c", Path.Combine(folder, "nginx.conf"));
            Assert.True(exit == 0, output);
            Assert.Contains("syntax is ok", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
