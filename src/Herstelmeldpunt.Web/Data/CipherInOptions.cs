using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Herstelmeldpunt.Web.Data;

/// <summary>
/// The field cipher travels in the context's options instead of its constructor, so the app can pool its contexts
/// (EF Core pools only contexts whose one constructor takes the options): a pooled context keeps its EF services
/// from one request to the next instead of setting them up for every request (issue "national scale", intake).
/// </summary>
public static class CipherInOptions
{
    /// <summary>Encrypts the marked columns with <paramref name="cipher"/>; one cached model per key set.</summary>
    public static DbContextOptionsBuilder<TContext> UseFieldCipher<TContext>(this DbContextOptionsBuilder<TContext> builder, FieldCipher cipher)
        where TContext : DbContext
    {
        UseFieldCipher((DbContextOptionsBuilder)builder, cipher);
        return builder;
    }

    /// <inheritdoc cref="UseFieldCipher{TContext}(DbContextOptionsBuilder{TContext}, FieldCipher)"/>
    public static DbContextOptionsBuilder UseFieldCipher(this DbContextOptionsBuilder builder, FieldCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cipher);
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new Extension(cipher));
        return builder.ReplaceService<IModelCacheKeyFactory, CipherModelCacheKeyFactory>(); // the converters hold the keys
    }

    /// <summary>The cipher these options carry.</summary>
    public static FieldCipher Of(DbContextOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.FindExtension<Extension>()?.Cipher
            ?? throw new InvalidOperationException("These context options carry no field cipher: build them with UseFieldCipher(cipher).");
    }

    private sealed class Extension(FieldCipher cipher) : IDbContextOptionsExtension
    {
        public FieldCipher Cipher { get; } = cipher;

        public DbContextOptionsExtensionInfo Info => new CipherInfo(this);

        public void ApplyServices(IServiceCollection services)
        {
        }

        public void Validate(IDbContextOptions options)
        {
        }

        /// <summary>The cipher changes no EF service: every key set shares one internal service provider.</summary>
        private sealed class CipherInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
        {
            public override bool IsDatabaseProvider => false;

            public override string LogFragment => string.Empty;

            public override int GetServiceProviderHashCode() => 0;

            public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is CipherInfo;

            public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
            {
            }
        }
    }
}
