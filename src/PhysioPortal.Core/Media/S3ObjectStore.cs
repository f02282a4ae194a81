using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace PhysioPortal.Core.Media;

/// <summary>
/// Stored objects in any S3-compatible store (AWS S3, MinIO, Ceph, Garage, R2…), path-style, signed with AWS
/// Signature Version 4. Chosen by configuration only (Media__Store=S3 and Media__S3__*); reads are range GETs of the
/// block asked for, so serving a range never downloads the whole object.
/// </summary>
public sealed class S3ObjectStore(HttpClient http, S3Options options, TimeProvider clock) : IObjectStore
{
    private const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    public async Task PutAsync(string key, Stream content, long length, string contentType, CancellationToken ct = default)
    {
        using (var head = Request(HttpMethod.Head, key))
        using (var exists = await http.SendAsync(head, ct))
        {
            if (exists.IsSuccessStatusCode) return;
        }
        using var put = Request(HttpMethod.Put, key);
        put.Content = new StreamContent(content);
        put.Content.Headers.ContentLength = length;
        put.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await http.SendAsync(put, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new IOException($"The object store refused to store {key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    public async Task<int> ReadAsync(string key, long offset, Memory<byte> buffer, CancellationToken ct = default)
    {
        using var get = Request(HttpMethod.Get, key);
        get.Headers.Range = new RangeHeaderValue(offset, offset + buffer.Length - 1);
        using var response = await http.SendAsync(get, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable) return 0;
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        if (response.StatusCode == HttpStatusCode.OK && offset > 0)
        {
            throw new IOException("The object store ignored the Range header.");
        }
        return await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
    }

    private HttpRequestMessage Request(HttpMethod method, string key)
    {
        if (string.IsNullOrEmpty(options.Endpoint) || string.IsNullOrEmpty(options.Bucket) || string.IsNullOrEmpty(options.AccessKey) || string.IsNullOrEmpty(options.SecretKey))
        {
            throw new InvalidOperationException("Media__Store is S3 but Media__S3__Endpoint, Bucket, AccessKey or SecretKey is not set.");
        }
        var uri = new Uri($"{options.Endpoint.TrimEnd('/')}/{options.Bucket}/{key}");
        var request = new HttpRequestMessage(method, uri);
        var now = clock.GetUtcNow().UtcDateTime;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var host = uri.IsDefaultPort ? uri.Host : uri.Authority;
        const string signedHeaders = "host;x-amz-content-sha256;x-amz-date";
        var canonical = $"{method.Method}\n{uri.AbsolutePath}\n\nhost:{host}\nx-amz-content-sha256:{UnsignedPayload}\nx-amz-date:{amzDate}\n\n{signedHeaders}\n{UnsignedPayload}";
        var scope = $"{date}/{options.Region}/s3/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key0 = Hmac(Encoding.UTF8.GetBytes("AWS4" + options.SecretKey), date);
        var signingKey = Hmac(Hmac(Hmac(key0, options.Region), "s3"), "aws4_request");
        var signature = Hex(Hmac(signingKey, toSign));
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", UnsignedPayload);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={options.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        return request;
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
