using PasswordReset.Passwords;
using Xunit;

namespace PasswordReset.Tests.Engine;

public sealed class TemporaryPasswordGeneratorTests
{
    private const int Samples = 10_000;

    // Chi-square critical values at a fixed significance level of 1e-6 (df = alphabet size - 1), computed once from the
    // regularized upper incomplete gamma function; at 1e-3 they would be 49.728 (df 23), 24.322 (df 7), 43.820 (df 19).
    private static readonly Dictionary<int, double> CriticalValue = new()
    {
        [23] = 70.55,
        [7] = 40.522,
        [19] = 63.677,
    };

    [Fact]
    public void TenThousandPasswordsAllSatisfyThePolicyAndHaveEveryCategory()
    {
        var generator = new TemporaryPasswordGenerator();
        for (int i = 0; i < Samples; i++)
        {
            string password = generator.Generate();
            Assert.Equal(TemporaryPasswordGenerator.DefaultLength, password.Length);
            Assert.Empty(EntraPasswordPolicy.Validate(password));
            foreach (string category in TemporaryPasswordGenerator.Categories)
            {
                Assert.Contains(password, c => category.IndexOf(c) >= 0);
            }
        }
    }

    [Fact]
    public void WithinEachCategoryCharactersAreEquallyLikely()
    {
        var generator = new TemporaryPasswordGenerator();
        var counts = new Dictionary<char, int>();
        for (int i = 0; i < Samples; i++)
        {
            foreach (char c in generator.Generate())
            {
                counts[c] = counts.GetValueOrDefault(c) + 1;
            }
        }

        foreach (string category in TemporaryPasswordGenerator.Categories)
        {
            double total = category.Sum(c => counts.GetValueOrDefault(c));
            double expected = total / category.Length;
            double chiSquare = category.Sum(c => Math.Pow(counts.GetValueOrDefault(c) - expected, 2) / expected);
            Assert.True(chiSquare < CriticalValue[category.Length - 1],
                $"Category '{category}': chi-square {chiSquare:F2} exceeds {CriticalValue[category.Length - 1]} (df {category.Length - 1}).");
        }
    }

    [Fact]
    public void AlphabetsAvoidMisreadableCharactersAndMatchThePolicyCategories()
    {
        string all = string.Concat(TemporaryPasswordGenerator.Categories);
        foreach (char c in "0Oo1lI|'\"` \\${};,<>")
        {
            Assert.DoesNotContain(c, all);
        }

        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.All(TemporaryPasswordGenerator.Uppercase, c => Assert.Equal(CharCategory.Uppercase, EntraPasswordPolicy.Classify(c)));
        Assert.All(TemporaryPasswordGenerator.Lowercase, c => Assert.Equal(CharCategory.Lowercase, EntraPasswordPolicy.Classify(c)));
        Assert.All(TemporaryPasswordGenerator.Digits, c => Assert.Equal(CharCategory.Digit, EntraPasswordPolicy.Classify(c)));
        Assert.All(TemporaryPasswordGenerator.Symbols, c => Assert.Equal(CharCategory.Symbol, EntraPasswordPolicy.Classify(c)));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(64)]
    [InlineData(256)]
    public void HonoursTheLength(int length)
    {
        string password = new TemporaryPasswordGenerator().Generate(length);
        Assert.Equal(length, password.Length);
        Assert.Empty(EntraPasswordPolicy.Validate(password));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(257)]
    [InlineData(0)]
    public void RefusesLengthsOutsideThePolicy(int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TemporaryPasswordGenerator().Generate(length));
    }
}
