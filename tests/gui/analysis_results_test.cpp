// Ablation, dopamine and confidence results in the workbench: the loaders read files the
// real `srs` CLI wrote (tiny fixture model: rollout -> capture -> TD probes -> ablate /
// dopamine / confidence), checked against an independent Python json reader; opening the
// files (and a workspace holding them) fills the heat map, the dopamine trace (with its
// trace picker) and the confidence view.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTabWidget>
#include <cmath>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/gui/job_runner.h"
#include "app/gui/main_window.h"
#include "app/gui/result_loaders.h"
#include "core/error.h"
#include "analysis_test_support.h"
#include "test_util.h"
#include "widgets/ablation_heatmap_view.h"
#include "widgets/confidence_view.h"
#include "widgets/dopamine_trace_view.h"

using namespace srs::app::gui;
namespace fs = std::filesystem;
using srs::test::quote;
using srs::test::readFile;
using srs::test::writeFile;

namespace {

using namespace srs::test::gui;

/// NaN-aware comparison against a JSON number or null.
void expectNum(double got, const nlohmann::json& want, const std::string& what) {
    if (want.is_null()) {
        EXPECT_TRUE(std::isnan(got)) << what << ": " << got;
    } else {
        EXPECT_NEAR(got, want.get<double>(), 1e-12) << what;
    }
}

class AnalysisResults : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new srs::test::TempDir();
        const fs::path d = s_dir->path();
        for (const char* sub : {"ws/caches", "ws/probes", "ws/analyses", "ws/rollouts"}) fs::create_directories(d / sub);
        buildTinyWorkspace(d, "r.jsonl");
        if (HasFatalFailure()) return;
        auto r = srs_("ablate " + quote(d / "model") + " --data " + quote(d / "q.jsonl") +
                 " --id-field id --template 'Q: {question} A:' --samples 2 --max-new-tokens 4 --seed 1 --probes " +
                 quote(d / "ws/probes/c.h5") + " --cache " + quote(d / "ws/caches/c.h5") +
                 " --layers 0,1 --conditions value,random,largest-activation --ratio 0.9 -q --out " +
                 quote(d / "ws/analyses/ablation.json"));
        ASSERT_EQ(r.exitCode, 0) << r.err;
        r = srs_("dopamine " + quote(d / "ws/caches/c.h5") + " --probes " + quote(d / "ws/probes/c.h5") +
                 " --layer 1 --candidates 4 --mlp-epochs 2 --traces 3 --trace-neurons 2 --split all --tokenizer " +
                 quote(d / "model") + " -q --out " + quote(d / "ws/analyses/dopamine.json"));
        ASSERT_EQ(r.exitCode, 0) << r.err;
        r = srs_("confidence " + quote(d / "model") + " --rollouts " + quote(d / "ws/rollouts/r.jsonl") +
                 " --probes " + quote(d / "ws/probes/c.h5") + " --cache " + quote(d / "ws/caches/c.h5") +
                 " --layer 1 --verbal-template 'Q: {question} A:' --verbal-max-new-tokens 4 --bootstrap 50 --bins 5 -q --out " +
                 quote(d / "ws/analyses/confidence.json"));
        ASSERT_EQ(r.exitCode, 0) << r.err;
        writeFile(d / "ws/demo_summary.json", nlohmann::json{{"model", (d / "model").string()}}.dump());
    }
    static void TearDownTestSuite() {
        delete s_dir;
        s_dir = nullptr;
    }
    static std::string path(const std::string& rel) { return (s_dir->path() / "ws" / rel).string(); }
    /// Independent reader: Python's json module prints the expected view data as JSON.
    static nlohmann::json python(const std::string& code) {
        writeFile(s_dir->path() / "ref.py", code);
        const auto r = srs::test::run(std::string(SRS_PYTHON) + " " + (s_dir->path() / "ref.py").string());
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return nlohmann::json::parse(r.out);
    }
    static srs::test::TempDir* s_dir;
};
srs::test::TempDir* AnalysisResults::s_dir = nullptr;

}  // namespace

TEST_F(AnalysisResults, AblationLoaderMatchesPythonReader) {
    const auto data = loadAblationResult(path("analyses/ablation.json"));
    const auto ref = python(
        "import json\n"
        "j = json.load(open('" + path("analyses/ablation.json") + "'))\n"
        "layers = j['settings']['layers']; conds = j['settings']['conditions']\n"
        "cell = {(c['layer'], c['condition']): c for c in j['cells']}\n"
        "keys = [(l, c) for l in layers for c in conds]\n"
        "print(json.dumps({'layers': layers, 'conditions': conds,\n"
        "  'accuracy': [cell[k]['correct'] / cell[k]['total'] for k in keys],\n"
        "  'delta': [cell[k]['correct'] / cell[k]['total'] - j['baseline']['correct'] / j['baseline']['total'] for k in keys],\n"
        "  'lo': [cell[k]['ci_low'] for k in keys], 'hi': [cell[k]['ci_high'] for k in keys]}))\n");
    EXPECT_EQ(data.layers, ref["layers"].get<std::vector<int>>());
    EXPECT_EQ(data.conditions, (std::vector<std::string>{"value", "random", "largest-activation"}));
    EXPECT_EQ(data.conditions, ref["conditions"].get<std::vector<std::string>>());
    ASSERT_EQ(data.accuracy.size(), 6u);
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_NEAR(data.accuracy[i], ref["accuracy"][i].get<double>(), 1e-12) << i;
        EXPECT_NEAR(data.delta[i], ref["delta"][i].get<double>(), 1e-12) << i;  // from the counts
        EXPECT_NEAR(data.ciLow[i], ref["lo"][i].get<double>(), 1e-12) << i;
        EXPECT_NEAR(data.ciHigh[i], ref["hi"][i].get<double>(), 1e-12) << i;
        EXPECT_LE(data.ciLow[i], data.accuracy[i]);
        EXPECT_GE(data.ciHigh[i], data.accuracy[i]);
    }
    // The set a heat-map click loads: the file's own dims for that cell.
    const auto set = loadAblationSet(path("analyses/ablation.json"), 1, "random");
    const auto dims = python("import json\nj = json.load(open('" + path("analyses/ablation.json") +
                             "'))\nprint(json.dumps([s['dims'] for s in j['sets'] if s['layer'] == 1 and "
                             "s['condition'] == 'random'][0]))\n");
    EXPECT_EQ(set.dims, dims.get<std::vector<std::int64_t>>());
    EXPECT_EQ(set.dims.size(), 6u);  // round((1 - 0.9) * 64)
    EXPECT_EQ(set.hook, "blocks.1.hook_resid_post");
    EXPECT_THROW(loadAblationSet(path("analyses/ablation.json"), 1, "mc-probe"), srs::InvalidArgument);
    EXPECT_EQ(detectResultKind(path("analyses/ablation.json")), ResultKind::Ablation);

    // A file missing one cell names it.
    auto j = nlohmann::json::parse(readFile(path("analyses/ablation.json")));
    j["cells"].erase(j["cells"].begin() + 4);
    writeFile(s_dir->path() / "broken_ablation.json", j.dump());
    try {
        loadAblationResult((s_dir->path() / "broken_ablation.json").string());
        ADD_FAILURE() << "no error";
    } catch (const srs::FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("no entry for layer 1 condition random"), std::string::npos) << e.what();
    }
}

TEST_F(AnalysisResults, DopamineTraceLoaderMatchesPythonReader) {
    const std::string file = path("analyses/dopamine.json");
    const auto traces = listDopamineTraces(file);
    const auto ref = python("import json\nj = json.load(open('" + file + "'))\nprint(json.dumps(j['traces']))\n");
    ASSERT_EQ(traces.size(), 3u);
    ASSERT_EQ(ref.size(), 3u);
    for (int t = 0; t < 3; ++t) {
        const auto& rt = ref[static_cast<std::size_t>(t)];
        EXPECT_EQ(traces[t].rollout, rt["rollout"].get<std::int64_t>());
        EXPECT_EQ(traces[t].questionId, rt["question_id"].get<std::string>());
        const auto data = loadDopamineTrace(file, t);
        ASSERT_EQ(data.value.size(), rt["value"].size());
        ASSERT_GE(data.value.size(), 2u);
        EXPECT_EQ(traces[t].tokens, data.value.size());
        EXPECT_EQ(data.tokens, rt["tokens"].get<std::vector<std::string>>());
        EXPECT_EQ(data.tokenIds, rt["token_ids"].get<std::vector<int>>());
        for (std::size_t i = 0; i < data.value.size(); ++i) {
            expectNum(data.value[i], rt["value"][i], "value");
            expectNum(data.delta[i], rt["delta"][i], "delta");
        }
        // Hand check of the TD relation on the file's own numbers: delta_t = gamma V(t+1) - V(t),
        // the last one r - V(T) (gamma from the file).
        const double gamma = python("import json\nprint(json.load(open('" + file + "'))['gamma'])\n").get<double>();
        for (std::size_t i = 0; i + 1 < data.value.size(); ++i)
            EXPECT_NEAR(data.delta[i], gamma * data.value[i + 1] - data.value[i], 1e-5) << t << " " << i;
        EXPECT_NEAR(data.delta.back(), rt["reward"].get<double>() - data.value.back(), 1e-5);
        ASSERT_EQ(data.neuronNames.size(), 2u);
        for (std::size_t k = 0; k < 2; ++k) {
            EXPECT_EQ(data.neuronNames[k], rt["neurons"][k]["name"].get<std::string>());
            for (std::size_t i = 0; i < data.value.size(); ++i)
                expectNum(data.activations[k][i], rt["neurons"][k]["activation_z"][i], "activation");
        }
    }
    EXPECT_THROW(loadDopamineTrace(file, 3), srs::InvalidArgument);
    EXPECT_THROW(loadDopamineTrace(file, -1), srs::InvalidArgument);
    EXPECT_EQ(detectResultKind(file), ResultKind::Dopamine);
}

TEST_F(AnalysisResults, ConfidenceLoaderMatchesPythonReader) {
    const std::string file = path("analyses/confidence.json");
    const auto data = loadConfidenceResult(file);
    const auto ref = python(
        "import json\n"
        "j = json.load(open('" + file + "'))\n"
        "out = []\n"
        "for s in j['signals']:\n"
        "    name = s['name']\n"
        "    vals = [(q[name], q['rewards']) for q in j['questions'] if q.get(name) is not None]\n"
        "    if not s['probability'] and vals:\n"
        "        lo = min(v for v, _ in vals); hi = max(v for v, _ in vals)\n"
        "        vals = [((v - lo) / (hi - lo) if hi > lo else 0.5, r) for v, r in vals]\n"
        "    score = [v for v, r in vals for _ in r]; correct = [1 if x > 0.5 else 0 for v, r in vals for x in r]\n"
        "    out.append({'name': name, 'score': score, 'correct': correct, 'rollouts': s['rollouts'],\n"
        "                'rho': s['spearman'].get('rho'), 'auroc': s['auroc'].get('auroc'),\n"
        "                'lo': s['auroc'].get('ci_low'), 'hi': s['auroc'].get('ci_high'), 'ece': s.get('ece'),\n"
        "                'bins': [[b['count'], b['mean_predicted']] for b in (s.get('bins') or [])]})\n"
        "print(json.dumps(out))\n");
    ASSERT_EQ(data.entries.size(), 4u);
    ASSERT_EQ(ref.size(), 4u);
    const char* names[] = {"value_s0", "verbalized", "token_prob", "question_length"};
    for (std::size_t i = 0; i < 4; ++i) {
        const auto& s = data.entries[i];
        const auto& r = ref[i];
        EXPECT_EQ(s.name, names[i]);
        EXPECT_EQ(s.correct, r["correct"].get<std::vector<int>>()) << s.name;
        ASSERT_EQ(s.score.size(), r["score"].size()) << s.name;
        EXPECT_EQ(s.score.size(), r["rollouts"].get<std::size_t>()) << s.name;
        for (std::size_t k = 0; k < s.score.size(); ++k) {
            EXPECT_NEAR(s.score[k], r["score"][k].get<double>(), 1e-12);
            EXPECT_GE(s.score[k], 0.0);
            EXPECT_LE(s.score[k], 1.0);
        }
        expectNum(s.spearman, r["rho"], s.name + " rho");
        expectNum(s.auroc, r["auroc"], s.name + " auroc");
        expectNum(s.aurocLow, r["lo"], s.name + " lo");
        expectNum(s.aurocHigh, r["hi"], s.name + " hi");
        expectNum(s.ece, r["ece"], s.name + " ece");
        ASSERT_EQ(s.reliability.size(), r["bins"].size());
        for (std::size_t b = 0; b < s.reliability.size(); ++b) {
            EXPECT_EQ(s.reliability[b].count, r["bins"][b][0].get<std::int64_t>());
            expectNum(s.reliability[b].meanPredicted, r["bins"][b][1], "bin");
        }
    }
    // value_s0: 4 held-out questions (test fraction 0.4 of 10) x 2 samples.
    EXPECT_EQ(data.entries[0].score.size(), 8u);
    EXPECT_EQ(data.entries[0].reliability.size(), 5u);
    EXPECT_TRUE(data.entries[3].reliability.empty());  // question_length: no probability
    EXPECT_EQ(detectResultKind(file), ResultKind::Confidence);

    // A rollouts count that disagrees with the questions is caught.
    auto j = nlohmann::json::parse(readFile(file));
    j["signals"][0]["rollouts"] = 99;
    writeFile(s_dir->path() / "broken_conf.json", j.dump());
    EXPECT_THROW(loadConfidenceResult((s_dir->path() / "broken_conf.json").string()), srs::FormatError);
}

TEST_F(AnalysisResults, OpeningAWorkspaceFillsAblationDopamineAndConfidenceViews) {
    MainWindow w;
    bool loaded = false;
    QObject::connect(&w, &MainWindow::workspaceLoaded, [&] { loaded = true; });
    ASSERT_GT(w.openWorkspace(QString::fromStdString((s_dir->path() / "ws").string())), 0);
    ASSERT_TRUE(waitFor([&] { return loaded; }, 60000));
    EXPECT_FALSE(w.ablationView()->isEmpty());
    EXPECT_FALSE(w.dopamineView()->isEmpty());
    EXPECT_FALSE(w.confidenceView()->isEmpty());
    // The heat map's CSV holds the loader's cells.
    const auto ablation = loadAblationResult(path("analyses/ablation.json"));
    EXPECT_EQ(w.ablationView()->csv().count('\n'), 1 + 6);
    EXPECT_TRUE(w.ablationView()->csv().contains(QStringLiteral("1,random,%1").arg(ablation.accuracy[4], 0, 'g', 10)));
    // Trace picker: one entry per trace, visible on the dopamine tab; picking trace 2 shows it.
    QComboBox* picker = w.tracePicker();
    ASSERT_EQ(picker->count(), 3);
    EXPECT_TRUE(picker->itemText(0).contains(QStringLiteral("Rollout")));
    w.tabs()->setCurrentWidget(w.dopamineView());
    EXPECT_TRUE(picker->parentWidget()->isVisibleTo(&w));
    const QString before = w.dopamineView()->csv();
    const auto second = loadDopamineTrace(path("analyses/dopamine.json"), 2);
    bool done = false;
    QObject::connect(w.jobRunner(), &JobRunner::jobFinished, [&](int) { done = true; });
    ASSERT_GT(w.showDopamineTrace(2), 0);
    ASSERT_TRUE(waitFor([&] { return done; }, 10000));
    EXPECT_EQ(picker->currentIndex(), 2);
    EXPECT_EQ(w.dopamineView()->csv().count('\n'), 1 + static_cast<int>(second.value.size()));
    EXPECT_NE(w.dopamineView()->csv(), before);
    w.tabs()->setCurrentWidget(w.ablationView());
    EXPECT_FALSE(picker->parentWidget()->isVisibleTo(&w));
}
