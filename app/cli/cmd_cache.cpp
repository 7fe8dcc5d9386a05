// srs cache info CACHE.h5 [--json]
// srs cache merge OUT.h5 SHARD.h5... [--mode virtual|copy] [--force]
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/cache/activation_cache_reader.h"
#include "core/cache/cache_merge.h"

namespace srs::app::cli {
namespace {

nlohmann::json cacheInfoJson(const core::ActivationCacheReader& reader) {
    const auto& md = reader.metadata();
    const auto& s = md.schema;
    nlohmann::json settings = nlohmann::json::parse(s.settingsJson, nullptr, false);
    if (settings.is_discarded()) settings = s.settingsJson;
    std::int64_t correct = 0;
    for (float r : md.rewards) correct += r > 0.5f ? 1 : 0;
    return {
        {"path", reader.path()},
        {"rollouts", md.numRollouts},
        {"tokens", md.numRows},
        {"questions", [&] {
             std::vector<std::string> q = md.questionIds;
             std::sort(q.begin(), q.end());
             return static_cast<std::int64_t>(std::unique(q.begin(), q.end()) - q.begin());
         }()},
        {"layers", s.layers},
        {"hooks", s.hooks},
        {"d_model", s.dModel},
        {"dtype", core::storeDtypeName(s.dtype)},
        {"token_stride", s.tokenStride},
        {"chunk_rows", md.chunkRows},
        {"compression", md.compression},
        {"file_bytes", md.fileBytes},
        {"size_bytes", md.totalBytes},
        {"accuracy", md.meanReward()},
        {"correct_rollouts", correct},
        {"task", s.task},
        {"shard", {{"index", s.shardIndex}, {"count", s.shardCount}}},
        {"merge", {{"mode", md.mergeMode}, {"from", md.mergedFrom}}},
        {"provenance",
         {{"model_fingerprint", s.modelFingerprint},
          {"tokenizer_fingerprint", s.tokenizerFingerprint},
          {"template", s.promptTemplate},
          {"settings", settings},
          {"software_version", md.softwareVersion}}},
    };
}

std::string humanBytes(std::uint64_t b) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(b);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    return u == 0 ? fmt::format("{} B", b) : fmt::format("{:.1f} {}", v, units[u]);
}

void printInfo(const nlohmann::json& j) {
    std::cout << fmt::format("cache      {}\n", j["path"].get<std::string>());
    std::cout << fmt::format("task       {}\n", j["task"].get<std::string>());
    std::cout << fmt::format("rollouts   {} ({} questions), tokens {}\n", j["rollouts"].get<std::int64_t>(),
                             j["questions"].get<std::int64_t>(), j["tokens"].get<std::int64_t>());
    std::cout << fmt::format("accuracy   {:.4f} ({} correct)\n", j["accuracy"].get<double>(),
                             j["correct_rollouts"].get<std::int64_t>());
    std::cout << fmt::format("hooks      {}\n", fmt::join(j["hooks"].get<std::vector<std::string>>(), ", "));
    std::cout << fmt::format("layers     {}\n", fmt::join(j["layers"].get<std::vector<int>>(), ", "));
    std::cout << fmt::format("d_model    {}, dtype {}, token stride {}\n", j["d_model"].get<std::int64_t>(),
                             j["dtype"].get<std::string>(), j["token_stride"].get<int>());
    std::cout << fmt::format("storage    {} on disk ({} in this file), chunks of {} rows, compression {}\n",
                             humanBytes(j["size_bytes"].get<std::uint64_t>()),
                             humanBytes(j["file_bytes"].get<std::uint64_t>()), j["chunk_rows"].get<int>(),
                             j["compression"].get<std::string>());
    const auto& shard = j["shard"];
    if (shard["count"].get<int>() > 1)
        std::cout << fmt::format("shard      {}/{}\n", shard["index"].get<int>(), shard["count"].get<int>());
    if (!j["merge"]["mode"].get<std::string>().empty())
        std::cout << fmt::format("merged     {} of {}\n", j["merge"]["mode"].get<std::string>(),
                                 fmt::join(j["merge"]["from"].get<std::vector<std::string>>(), ", "));
    const auto& p = j["provenance"];
    std::cout << fmt::format("model      {}\n", p["model_fingerprint"].get<std::string>());
    std::cout << fmt::format("tokenizer  {}\n", p["tokenizer_fingerprint"].get<std::string>());
    std::cout << fmt::format("template   {}\n", p["template"].get<std::string>());
    std::cout << fmt::format("settings   {}\n", p["settings"].dump());
    std::cout << fmt::format("software   srs {}\n", p["software_version"].get<std::string>());
}

struct CacheArgs {
    std::string cache;
    bool json = false;
    std::string output;
    std::vector<std::string> shards;
    std::string mode = "virtual";
    bool force = false;
    bool quiet = false;
};

RegisterCommand reg(40, [](CLI::App& root) {
    auto args = std::make_shared<CacheArgs>();
    CLI::App* cache = root.add_subcommand("cache", "Inspect and merge HDF5 activation caches");
    cache->require_subcommand(1);

    CLI::App* info = cache->add_subcommand(
        "info", "Show a cache's rollouts, tokens, layers, hooks, d_model, dtype, size, accuracy and provenance");
    info->add_option("CACHE", args->cache, "Activation cache (.h5)")->required();
    info->add_flag("--json", args->json, "Print one JSON document");
    info->callback([args] {
        core::ActivationCacheReader reader(args->cache);
        nlohmann::json j = cacheInfoJson(reader);
        if (args->json) printJson(j);
        else printInfo(j);
    });

    CLI::App* merge = cache->add_subcommand(
        "merge", "Join shard caches (rows in the order given) into one cache");
    merge->add_option("OUT", args->output, "Merged cache to write (.h5)")->required();
    merge->add_option("SHARDS", args->shards, "Shard caches, in order")->required()->expected(1, -1);
    merge->add_option("--mode", args->mode,
                      "virtual: HDF5 virtual datasets referencing the shards (keep them next to OUT); "
                      "copy: a self-contained file")
        ->check(CLI::IsMember({"virtual", "copy"}))
        ->capture_default_str();
    merge->add_flag("--force", args->force, "Replace OUT if it exists");
    merge->add_flag("--json", args->json, "Print the merged cache's info as one JSON document");
    merge->add_flag("-q,--quiet", args->quiet, "No progress on stderr");
    merge->callback([args] {
        core::JobContext job = makeCliJob(args->quiet);
        core::mergeCaches(args->shards, args->output, core::parseMergeMode(args->mode), args->force, job);
        core::ActivationCacheReader reader(args->output);
        nlohmann::json j = cacheInfoJson(reader);
        if (args->json) printJson(j);
        else
            std::cerr << fmt::format("srs: merged {} shards ({} rollouts, {} tokens) into {} ({})\n",
                                     args->shards.size(), j["rollouts"].get<std::int64_t>(),
                                     j["tokens"].get<std::int64_t>(), args->output, args->mode);
    });
});

}  // namespace
}  // namespace srs::app::cli
