// `srs grade`: extract and grade final answers in a JSONL file of responses.
//   in:  {"response": "...", "gold": "..."} per line (other keys are kept)
//   out: the same line with "extracted" and "reward" (0/1) added; summary on stderr.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/io/jsonl.h"
#include "core/tasks/grading.h"

namespace srs::app::cli {
namespace {

struct GradeOptions {
    std::string task;
    std::string in;
    std::string out;
    bool force = false;
    bool quiet = false;
};

std::string requireText(const nlohmann::json& record, const char* key, const core::JsonlReader& reader) {
    auto it = record.find(key);
    if (it == record.end() || it->is_null())
        throw FormatError(reader.where() + "missing key '" + key + "' (expected a string)");
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
    if (it->is_number()) return it->dump();
    throw FormatError(reader.where() + "key '" + key + "' is " + it->type_name() +
                      " (expected a string)");
}

void runGrade(const GradeOptions& o) {
    core::TaskKind kind = core::parseTaskKind(o.task);
    core::JobContext job = makeCliJob(o.quiet);
    core::JsonlReader reader(o.in);
    std::optional<core::AtomicFileWriter> writer;
    if (!o.out.empty()) {
        std::error_code ec;
        if (std::filesystem::exists(o.out, ec) && !o.force)
            throw Error(o.out + ": output file exists (pass --force to overwrite it)");
        writer.emplace(o.out, o.force);
    }
    std::size_t n = 0, correct = 0;
    nlohmann::json record;
    while (reader.next(record)) {
        job.checkCancelled();
        std::string response = requireText(record, "response", reader);
        std::string gold = requireText(record, "gold", reader);
        core::GradeResult result = core::grade(response, gold, kind);
        record["extracted"] = result.extracted;
        record["reward"] = result.reward;
        std::string line = core::toJsonlLine(record);
        if (writer) writer->write(line);
        else std::cout << line;
        ++n;
        correct += static_cast<std::size_t>(result.reward);
        if (n % 256 == 0) job.report("grade", static_cast<std::int64_t>(n), 0, "responses");
    }
    std::cout.flush();
    if (writer) writer->commit();
    double accuracy = n ? static_cast<double>(correct) / static_cast<double>(n) : 0.0;
    char summary[160];
    std::snprintf(summary, sizeof summary, "graded n=%zu, accuracy=%.4f (%zu correct)", n, accuracy, correct);
    std::cerr << summary << (writer ? " -> " + o.out : std::string()) << "\n";
}

const RegisterCommand kGrade(60, [](CLI::App& root) {
    auto o = std::make_shared<GradeOptions>();
    CLI::App* sub = root.add_subcommand(
        "grade", "Extract the final answer of each response in a JSONL file and grade it against "
                 "its gold answer (adds \"extracted\" and \"reward\" to every line)");
    sub->add_option("--task", o->task, "How answers are extracted and compared")
        ->required()
        ->check(CLI::IsMember({"gsm8k", "math", "choice"}));
    sub->add_option("--in", o->in, "JSONL with {\"response\": ..., \"gold\": ...} per line")->required();
    sub->add_option("--out", o->out, "Write graded JSONL here (atomically) instead of stdout");
    sub->add_flag("--force", o->force, "Overwrite --out when it exists");
    sub->add_flag("--quiet", o->quiet, "No progress on stderr (the summary is still printed)");
    sub->callback([o]() { runGrade(*o); });
});

}  // namespace
}  // namespace srs::app::cli
