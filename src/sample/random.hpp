// The sample's own pseudo-random numbers. std:: distributions are not used: their output is
// implementation-defined, and the sample must be byte-identical on every build. Everything here
// is integer arithmetic or IEEE +, -, *, / and sqrt, which round the same on every conforming
// platform; nothing calls log, exp or cos.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>

namespace pirpack::sample {

// splitmix64: turns any 64-bit value into a well-mixed one. Used to seed and to derive streams.
constexpr std::uint64_t mix_bits(std::uint64_t value) {
    value += 0x9E3779B97F4A7C15ULL;
    value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
    value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
    return value ^ (value >> 31);
}

// FNV-1a, so a stream can be named by text ("crime", "duties") and stay stable if other
// generators are added or reordered.
constexpr std::uint64_t hash_name(std::string_view name) {
    std::uint64_t hash = 0xCBF29CE484222325ULL;
    for (char c : name) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001B3ULL;
    }
    return hash;
}

// xoshiro256**: small, fast and statistically sound for simulation (not for secrets).
class Rng {
public:
    // One independent stream per (seed, concept, force): each generator draws from its own, so
    // changing how one file is made never shifts the numbers in another.
    Rng(std::uint64_t seed, std::string_view stream, int force = 0) {
        std::uint64_t x = mix_bits(seed) ^ hash_name(stream) ^ mix_bits(static_cast<std::uint64_t>(force) + 1);
        for (auto& word : state_) {
            x = mix_bits(x);
            word = x;
        }
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    // [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    double uniform(double low, double high) { return low + (high - low) * uniform(); }

    // [low, high], both inclusive, without modulo bias (draws below the threshold are retried).
    long uniform_int(long low, long high) {
        const std::uint64_t range = static_cast<std::uint64_t>(high - low) + 1;
        if (range == 0) return static_cast<long>(next());  // the whole 64-bit range
        const std::uint64_t threshold = (0 - range) % range;
        std::uint64_t draw = next();
        while (draw < threshold) draw = next();
        return low + static_cast<long>(draw % range);
    }

    bool chance(double probability) { return uniform() < probability; }

    // Approximately standard normal: the sum of 12 uniforms less 6 (Irwin-Hall). Bounded at
    // +/-6, which suits counts and durations that must stay plausible.
    double normal() {
        double sum = 0.0;
        for (int i = 0; i < 12; ++i) sum += uniform();
        return sum - 6.0;
    }

    // A count near `mean` with Poisson-like spread (normal approximation, floored at 0).
    long count_near(double mean) {
        if (mean <= 0.0) return 0;
        const double value = mean + std::sqrt(mean) * normal();
        return value <= 0.0 ? 0 : static_cast<long>(value + 0.5);
    }

    // Index into `weights` chosen in proportion to them. Weights need not sum to 1.
    std::size_t pick(std::span<const double> weights) {
        double total = 0.0;
        for (double w : weights) total += w;
        double target = uniform() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (target < weights[i]) return i;
            target -= weights[i];
        }
        return weights.size() - 1;
    }

    // Whole days of a right-skewed wait with the given mean: a sum of three uniforms squared keeps
    // most waits short and a few long, as investigation and vacancy times are.
    long skewed_days(double mean) {
        const double u = (uniform() + uniform() + uniform()) / 3.0;  // mean 0.5
        const double value = mean * (u * u) / (0.25 + 1.0 / 36.0);   // E[u^2] = 1/4 + var
        return static_cast<long>(value + 0.5);
    }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t state_[4];
};

}  // namespace pirpack::sample
