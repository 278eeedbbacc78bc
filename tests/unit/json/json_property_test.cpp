// Properties of canonicalisation and the semantic diff over random JSON values (rapidcheck).

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <nlohmann/json.hpp>

#include "json_test_support.hpp"
#include "plan/json_canonical.hpp"
#include "plan/json_diff.hpp"

namespace descope_mgmt {
namespace {

using nlohmann::json;
using plan::JsonDocumentKind;

// Keys include the rule fields of flow documents (version, etag, disabled, ...) and identity
// keys, so that the rules and the identity matching are exercised.
const std::vector<std::string> k_keys{"id",   "name",        "version", "etag", "disabled",
                                      "a",    "b",           "x y",     "é",    "inputs",
                                      "next", "description", "flowId",  ""};

rc::Gen<json> gen_scalar() {
    return rc::gen::oneOf(
        rc::gen::just(json(nullptr)),
        rc::gen::map(rc::gen::arbitrary<bool>(), [](bool b) { return json(b); }),
        rc::gen::map(rc::gen::inRange<std::int64_t>(-3, 4), [](std::int64_t i) { return json(i); }),
        rc::gen::map(rc::gen::element(0.5, -0.0, 2.0, 1e300, -1.25),
                     [](double d) { return json(d); }),
        rc::gen::map(rc::gen::element<std::string>("", "a", "b", "1", "é", "x y", "SC1"),
                     [](const std::string& s) { return json(s); }));
}

rc::Gen<json> gen_value(int depth);

rc::Gen<json> gen_object(int depth) {
    const auto member = rc::gen::pair(rc::gen::elementOf(k_keys), gen_value(depth - 1));
    return rc::gen::mapcat(rc::gen::inRange(0, 5), [member](int n) {
        return rc::gen::map(
            rc::gen::container<std::vector<std::pair<std::string, json>>>(n, member),
            [](const std::vector<std::pair<std::string, json>>& members) {
                json object = json::object();
                for (const auto& [k, v] : members)
                    object[k] = v;
                return object;
            });
    });
}

// An array of objects with unique ids in a random order: matched by identity in the diff.
rc::Gen<json> gen_keyed_array(int depth) {
    return rc::gen::mapcat(rc::gen::inRange(0, 5), [depth](int n) {
        return rc::gen::map(
            rc::gen::pair(rc::gen::container<std::vector<json>>(n, gen_object(depth)),
                          rc::gen::inRange(0, 11)),
            [](const std::pair<std::vector<json>, int>& p) {
                json array = json::array();
                for (std::size_t i = 0; i < p.first.size(); ++i) {
                    json element = p.first[i];
                    element["id"] = "k" + std::to_string((i * 7 + p.second) % 11);
                    array.push_back(std::move(element));
                }
                return array;
            });
    });
}

rc::Gen<json> gen_array(int depth) {
    return rc::gen::mapcat(rc::gen::inRange(0, 5), [depth](int n) {
        return rc::gen::map(rc::gen::container<std::vector<json>>(n, gen_value(depth - 1)),
                            [](const std::vector<json>& items) { return json(items); });
    });
}

rc::Gen<json> gen_value(int depth) {
    if (depth <= 0) return gen_scalar();
    return rc::gen::weightedOneOf<json>({{3, gen_scalar()},
                                         {2, gen_object(depth)},
                                         {1, gen_array(depth)},
                                         {1, gen_keyed_array(depth)}});
}

// A flow-shaped document around random content, so the flow rules have something to act on.
rc::Gen<json> gen_flow_document() {
    return rc::gen::map(rc::gen::pair(gen_object(3), gen_keyed_array(2)),
                        [](const std::pair<json, json>& p) {
                            return json{{"flow", p.first}, {"screens", p.second}};
                        });
}

// A random edit somewhere in `v` (it may happen to change nothing, e.g. reversing [x]).
void mutate(json& v, testing::SplitMix& rng) {
    if (v.is_object() && !v.empty() && rng.chance(70)) {
        auto it = v.begin();
        std::advance(it, static_cast<std::ptrdiff_t>(rng.below(v.size())));
        switch (rng.below(4)) {
            case 0:
                v.erase(it);
                return;
            case 1:
                v["added"] = rng.below(3);
                return;
            default:
                mutate(*it, rng);
                return;
        }
    }
    if (v.is_array() && !v.empty() && rng.chance(70)) {
        switch (rng.below(5)) {
            case 0:
                v.erase(v.begin() + static_cast<std::ptrdiff_t>(rng.below(v.size())));
                return;
            case 1:
                v.push_back(nullptr);
                return;
            case 2:
                std::reverse(v.begin(), v.end());
                return;
            default:
                mutate(v[rng.below(v.size())], rng);
                return;
        }
    }
    static const std::vector<json> replacements{nullptr, 0, 1, "1", true, 2.5, json::object()};
    v = replacements[rng.below(replacements.size())];
}

// Integers written as floats (2 -> 2.0): the same canonical value.
void respell_numbers(json& v, testing::SplitMix& rng) {
    if (v.is_structured()) {
        for (auto& child : v)
            respell_numbers(child, rng);
    } else if (v.is_number_integer() && rng.chance(50)) {
        v = static_cast<double>(v.get<std::int64_t>());
    }
}

json canonical_of(const std::string& text, JsonDocumentKind kind) {
    auto value = plan::canonical_json(text, kind);
    RC_ASSERT(value.has_value());
    return *value;
}

RC_GTEST_PROP(JsonProperties, DiffOfAValueWithItselfIsEmpty, ()) {
    const json x = *gen_value(4);
    RC_ASSERT(plan::diff_json(x, x).empty());
}

RC_GTEST_PROP(JsonProperties, CanonicalisationIsIdempotent, ()) {
    const auto kind = *rc::gen::element(JsonDocumentKind::flow, JsonDocumentKind::theme,
                                        JsonDocumentKind::generic);
    const json x = kind == JsonDocumentKind::flow    ? *gen_flow_document()
                   : kind == JsonDocumentKind::theme ? json{{"theme", *gen_object(3)}}
                                                     : *gen_value(4);
    const auto once = plan::canonical_pretty_json(x.dump(), kind);
    RC_ASSERT(once.has_value());
    const auto twice = plan::canonical_pretty_json(*once, kind);
    RC_ASSERT(twice.has_value());
    RC_ASSERT(*once == *twice);
}

RC_GTEST_PROP(JsonProperties, DiffIsEmptyExactlyWhenCanonicalFormsAreEqual, ()) {
    const bool as_flow = *rc::gen::arbitrary<bool>();
    const auto kind = as_flow ? JsonDocumentKind::flow : JsonDocumentKind::generic;
    const json x = as_flow ? *gen_flow_document() : *gen_value(4);
    testing::SplitMix rng(*rc::gen::arbitrary<std::uint64_t>());
    json y = x;
    switch (*rc::gen::inRange(0, 4)) {
        case 0:
            break;
        case 1:
            mutate(y, rng);
            break;
        case 2:
            respell_numbers(y, rng);
            break;
        default:
            y = as_flow ? *gen_flow_document() : *gen_value(4);
            break;
    }
    const json cx = canonical_of(testing::dump_shuffled(x, rng), kind);
    const json cy = canonical_of(testing::dump_shuffled(y, rng), kind);
    const bool equal = plan::compact_json(cx) == plan::compact_json(cy);
    RC_TAG(equal ? "equal" : "different");
    const auto changes = plan::diff_json(cx, cy);
    RC_ASSERT(changes.empty() == equal);
}

RC_GTEST_PROP(JsonProperties, KeyOrderNeverProducesADiff, ()) {
    const json x = *gen_value(5);
    testing::SplitMix rng(*rc::gen::arbitrary<std::uint64_t>());
    for (const auto kind : {JsonDocumentKind::generic, JsonDocumentKind::flow}) {
        const json sorted = canonical_of(x.dump(), kind);
        const json shuffled = canonical_of(testing::dump_shuffled(x, rng), kind);
        RC_ASSERT(plan::diff_json(sorted, shuffled).empty());
        RC_ASSERT(plan::compact_json(sorted) == plan::compact_json(shuffled));
    }
}

RC_GTEST_PROP(JsonProperties, EveryChangeHasTheSidesItsKindSays, ()) {
    const json x = *gen_value(4);
    json y = x;
    testing::SplitMix rng(*rc::gen::arbitrary<std::uint64_t>());
    mutate(y, rng);
    for (const auto& change : plan::diff_json(x, y)) {
        switch (change.kind) {
            case plan::JsonChangeKind::add:
                RC_ASSERT(!change.before && change.after);
                break;
            case plan::JsonChangeKind::remove:
                RC_ASSERT(change.before && !change.after);
                break;
            case plan::JsonChangeKind::change:
            case plan::JsonChangeKind::reorder:
                RC_ASSERT(change.before && change.after);
                RC_ASSERT(*change.before != *change.after);
                break;
        }
    }
}

}  // namespace
}  // namespace descope_mgmt
