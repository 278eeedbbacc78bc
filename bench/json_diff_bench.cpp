// How long the plan spends on one flow: canonicalise two ~1 MB flow documents (pretty-printed,
// as `flow export` writes them) and diff them. The two differ in a few places, as
// a flow edited in the prod console differs from its staging original.
//
//   cmake --preset release && cmake --build build/release --target json_diff_bench
//   build/release/bench/json_diff_bench

#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include "flow_generator.hpp"
#include "plan/json_canonical.hpp"
#include "plan/json_diff.hpp"

namespace {

using descope_mgmt::plan::JsonDocumentKind;
namespace plan = descope_mgmt::plan;
namespace testing = descope_mgmt::testing;

struct Documents {
    std::string staging;  // pretty-printed, as in the config repository
    std::string prod;     // the same flow as exported from prod, edited a little
};

const Documents& documents() {
    static const Documents docs = [] {
        // 200 tasks is Descope's hard limit per flow; 60 screens with 8 inputs each and
        // nested templates bring the exported file to about 1 MB.
        const nlohmann::json staging = testing::generate_flow(
            {.tasks = 200, .screens = 60, .inputs_per_screen = 8, .template_depth = 4, .seed = 1});
        nlohmann::json prod = staging;
        testing::as_exported_elsewhere(prod);
        testing::edit_a_little(prod);
        return Documents{staging.dump(2), prod.dump(2)};
    }();
    return docs;
}

void BM_ParseOnly(benchmark::State& state) {
    const auto& text = documents().staging;
    for (auto _ : state)
        benchmark::DoNotOptimize(nlohmann::json::parse(text));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    state.counters["doc_bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_ParseOnly)->Unit(benchmark::kMillisecond);

void BM_CanonicalCompact(benchmark::State& state) {
    const auto& text = documents().staging;
    for (auto _ : state) {
        auto out = plan::canonical_compact_json(text, JsonDocumentKind::flow);
        benchmark::DoNotOptimize(out);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_CanonicalCompact)->Unit(benchmark::kMillisecond);

void BM_CanonicalPretty(benchmark::State& state) {
    const auto& text = documents().staging;
    for (auto _ : state) {
        auto out = plan::canonical_pretty_json(text, JsonDocumentKind::flow);
        benchmark::DoNotOptimize(out);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_CanonicalPretty)->Unit(benchmark::kMillisecond);

// The headline: what the plan does per managed flow (both texts in, changes out).
void BM_CanonicaliseAndDiffTwoFlows(benchmark::State& state) {
    const auto& docs = documents();
    std::size_t changes = 0;
    for (auto _ : state) {
        auto result = plan::diff_json_documents(docs.staging, docs.prod, JsonDocumentKind::flow);
        changes = result ? result->size() : 0;
        benchmark::DoNotOptimize(result);
    }
    state.SetBytesProcessed(
        static_cast<std::int64_t>(state.iterations() * (docs.staging.size() + docs.prod.size())));
    state.counters["changes"] = static_cast<double>(changes);
}
BENCHMARK(BM_CanonicaliseAndDiffTwoFlows)->Unit(benchmark::kMillisecond);

// The diff walk alone, on values already canonical.
void BM_DiffCanonicalValues(benchmark::State& state) {
    const auto& docs = documents();
    const auto before = plan::canonical_json(docs.staging, JsonDocumentKind::flow);
    const auto after = plan::canonical_json(docs.prod, JsonDocumentKind::flow);
    if (!before || !after) {
        state.SkipWithError("generated documents are not JSON");
        return;
    }
    for (auto _ : state)
        benchmark::DoNotOptimize(plan::diff_json(*before, *after));
}
BENCHMARK(BM_DiffCanonicalValues)->Unit(benchmark::kMillisecond);

// No changes: every node is visited and nothing is emitted (the common case in a plan).
void BM_DiffIdenticalValues(benchmark::State& state) {
    const auto value = plan::canonical_json(documents().staging, JsonDocumentKind::flow);
    if (!value) {
        state.SkipWithError("generated document is not JSON");
        return;
    }
    const nlohmann::json copy = *value;
    for (auto _ : state)
        benchmark::DoNotOptimize(plan::diff_json(*value, copy));
}
BENCHMARK(BM_DiffIdenticalValues)->Unit(benchmark::kMillisecond);

}  // namespace
