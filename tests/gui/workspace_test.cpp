// The GUI wired to real core results: loaders against files the real `srs` CLI wrote, a
// workspace folder populating the tree and views, the analysis jobs, and the playground
// generating through the runtime on the tiny fixture model (streaming, V(s_t), grading,
// event-loop latency).
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTimer>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/gui/job_runner.h"
#include "app/gui/main_window.h"
#include "app/gui/playground_controller.h"
#include "app/gui/result_loaders.h"
#include "app/gui/workspace_loader.h"
#include "core/cache/activation_cache_reader.h"
#include "core/error.h"
#include "core/probe/value_probes.h"
#include "core/probe/probe_options.h"
#include "model_tester_support.h"
#include "models/workspace_model.h"
#include "test_util.h"
#include "tests/core/probe_synthetic_cache.h"
#include "widgets/iou_matrix_view.h"
#include "widgets/playground_view.h"
#include "widgets/probe_training_view.h"
#include "widgets/prune_curve_view.h"

using namespace srs::app::gui;
namespace fs = std::filesystem;
using Category = srs::models::WorkspaceModel::Category;

namespace {

const std::string kFast = " --hidden 16 --lr 1e-3 --epochs 3 --seed 3 --bootstrap 50 -q";

/// A workspace written by the real CLI: two synthetic caches (planted value dims in a
/// 64-wide state, like the tiny model), their probes files, a prune curve, an IoU JSON,
/// a neuron set, and the tiny model + Qwen tokenizer as its model.
class Workspace : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new srs::test::TempDir();
        const fs::path root = s_dir->path() / "ws";
        for (const char* d : {"caches", "probes", "analyses", "rollouts"}) fs::create_directories(root / d);
        srs::test::copyTinyModelWithQwenTokenizer(s_dir->path() / "model");
        probe_test::SyntheticSpec spec;
        spec.dModel = 64;
        spec.layers = {0, 1};
        spec.planted = {3, 17, 42};
        spec.questions = 30;
        probe_test::writeSyntheticCache((root / "caches" / "a.h5").string(), spec);
        spec.seed = 2;
        probe_test::writeSyntheticCache((root / "caches" / "b.h5").string(), spec);
        for (const char* n : {"a", "b"}) {
            const auto r = srs::test::runSrs("probe train " + (root / "caches" / (std::string(n) + ".h5")).string() +
                                             kFast + " --out " + (root / "probes" / (std::string(n) + ".h5")).string());
            ASSERT_EQ(r.exitCode, 0) << r.err;
        }
        auto r = srs::test::runSrs("probe prune-curve " + (root / "caches" / "a.h5").string() +
                                   " --ratios 0,0.5,0.9" + kFast + " --out " +
                                   (root / "analyses" / "a-prune-curve.json").string());
        ASSERT_EQ(r.exitCode, 0) << r.err;
        r = srs::test::runSrs("iou " + (root / "probes" / "a.h5").string() + " " + (root / "probes" / "b.h5").string() +
                              " --layer 1 --ratios 0.5,0.9 --json");
        ASSERT_EQ(r.exitCode, 0) << r.err;
        srs::test::writeFile(root / "analyses" / "iou.json", r.out);
        r = srs::test::runSrs("neurons " + (root / "probes" / "a.h5").string() + " --layer 1 --ratio 0.9 --out " +
                              (root / "analyses" / "a-l1.json").string());
        ASSERT_EQ(r.exitCode, 0) << r.err;
        srs::test::writeFile(root / "rollouts" / "a.jsonl", "{}\n");
        nlohmann::json summary{{"model", (s_dir->path() / "model").string()}};
        srs::test::writeFile(root / "demo_summary.json", summary.dump());
    }
    static void TearDownTestSuite() {
        delete s_dir;
        s_dir = nullptr;
    }
    static fs::path root() { return s_dir->path() / "ws"; }
    static fs::path modelDir() { return s_dir->path() / "model"; }
    static std::string path(const std::string& rel) { return (root() / rel).string(); }
    /// Independent reference: Python (h5py / json) prints what the file holds.
    static std::string python(const std::string& code) {
        srs::test::writeFile(s_dir->path() / "ref.py", code);
        const auto r = srs::test::run(std::string(SRS_PYTHON) + " " + (s_dir->path() / "ref.py").string());
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return r.out;
    }
    static srs::test::TempDir* s_dir;
};
srs::test::TempDir* Workspace::s_dir = nullptr;

bool waitFor(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs) QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return done();
}

}  // namespace

TEST_F(Workspace, TrainingPointsFromProbesFileMatchH5py) {
    const auto points = loadTrainingPoints(path("probes/a.h5"));
    // h5py: per layer, train_loss per epoch and the auroc_s0 attribute; steps per epoch from
    // the split and options.
    const std::string ref = python(
        "import h5py, json, math\n"
        "f = h5py.File('" + path("probes/a.h5") + "', 'r')\n"
        "o = json.loads(f.attrs['options_json'] if 'options_json' in f.attrs else f['options_json'][()])\n"
        "spe = math.ceil(len(f['split/train_rollouts']) / o['batch_trajectories'])\n"
        "for name in sorted(f['layers']):\n"
        "    g = f['layers'][name]\n"
        "    loss = g['train_loss'][()]\n"
        "    for e, l in enumerate(loss):\n"
        "        a = g.attrs['auroc_s0'] if e == len(loss) - 1 else -1\n"
        "        print(int(name.split('_')[1]), (e + 1) * spe, repr(float(l)), repr(float(a)))\n");
    std::istringstream in(ref);
    std::size_t i = 0;
    int layer;
    long long step;
    double loss, auroc;
    while (in >> layer >> step >> loss >> auroc) {
        ASSERT_LT(i, points.size());
        EXPECT_EQ(points[i].layer, layer);
        EXPECT_EQ(points[i].step, step);
        EXPECT_NEAR(points[i].loss, loss, 1e-6);
        EXPECT_NEAR(points[i].heldOutAuroc, auroc, 1e-9);
        ++i;
    }
    EXPECT_EQ(i, points.size());
    EXPECT_EQ(i, 6u);  // 2 layers x 3 epochs
}

TEST_F(Workspace, PruneCurveIouAndNeuronSetLoadersMatchPythonJson) {
    const auto curve = loadPruneCurve(path("analyses/a-prune-curve.json"));
    const std::string ref = python(
        "import json\n"
        "j = json.load(open('" + path("analyses/a-prune-curve.json") + "'))\n"
        "for l in j['layers']:\n"
        "    for p in l['points']:\n"
        "        print(l['layer'], p['ratio'], p['s0']['auroc'], p['s0']['ci_low'], p['s0']['ci_high'])\n");
    std::istringstream in(ref);
    std::size_t n = 0;
    int layer;
    double ratio, a, lo, hi;
    while (in >> layer >> ratio >> a >> lo >> hi) {
        const auto& c = curve.curves.at(n / 3);
        EXPECT_EQ(c.layer, layer);
        EXPECT_EQ(c.method, "td");
        EXPECT_DOUBLE_EQ(c.ratio.at(n % 3), ratio);
        EXPECT_NEAR(c.auroc.at(n % 3), a, 1e-12);
        EXPECT_NEAR(c.ciLow.at(n % 3), lo, 1e-12);
        EXPECT_NEAR(c.ciHigh.at(n % 3), hi, 1e-12);
        ++n;
    }
    EXPECT_EQ(n, 6u);

    const auto iou = loadIouMatrix(path("analyses/iou.json"));
    ASSERT_EQ(iou.labels, (std::vector<std::string>{"a", "b"}));
    ASSERT_EQ(iou.ratios, (std::vector<double>{0.5, 0.9}));
    // Hand check of the chance IoU at p = 0.9: two sets of round(0.1 * 64) = 6 of 64 dims.
    // E|A∩B| = 6*6/64; E[IoU] is exact in core; the hypergeometric mean gives it:
    double e = 0;
    auto choose = [](int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; ++i) c = c * (n - k + i) / i;
        return c;
    };
    for (int k = 0; k <= 6; ++k) e += choose(6, k) * choose(58, 6 - k) / choose(64, 6) * k / (12.0 - k);
    EXPECT_NEAR(iou.chanceIou[1], e, 1e-12);
    EXPECT_DOUBLE_EQ(iou.iou[0][0], 1.0);
    EXPECT_DOUBLE_EQ(iou.iou[1][1], iou.iou[1][2]);  // symmetric
    EXPECT_GE(iou.iou[1][1], 0.0);

    const auto set = loadNeuronSet(path("analyses/a-l1.json"));
    EXPECT_EQ(set.layer, 1);
    EXPECT_EQ(set.hook, "blocks.1.hook_resid_post");
    // Reference: the top round(0.1 * 64) = 6 dims by L1 norm of w1's rows, from h5py.
    const std::string top = python(
        "import h5py, numpy as np\n"
        "w = h5py.File('" + path("probes/a.h5") + "', 'r')['layers/layer_01/w1'][()]\n"
        "s = np.abs(w).sum(axis=1)\n"
        "print(' '.join(str(int(i)) for i in sorted(np.argsort(-s, kind='stable')[:6])))\n");
    std::vector<std::int64_t> dims = set.dims;
    std::sort(dims.begin(), dims.end());
    std::string got;
    for (auto d : dims) got += (got.empty() ? "" : " ") + std::to_string(d);
    EXPECT_EQ(got + "\n", top);

    EXPECT_EQ(detectResultKind(path("analyses/a-prune-curve.json")), ResultKind::PruneCurve);
    EXPECT_EQ(detectResultKind(path("analyses/iou.json")), ResultKind::Iou);
    EXPECT_EQ(detectResultKind(path("analyses/a-l1.json")), ResultKind::NeuronSet);
    EXPECT_THROW(loadPruneCurve(path("analyses/iou.json")), srs::FormatError);
    EXPECT_THROW(detectResultKind(path("rollouts/a.jsonl.missing")), srs::FormatError);
}

TEST_F(Workspace, ScanListsEveryKindOfFile) {
    const auto scan = scanWorkspace(root().string());
    EXPECT_EQ(scan.modelDir, fs::canonical(modelDir()).string());
    EXPECT_EQ(scan.caches.size(), 2u);
    EXPECT_EQ(scan.probes.size(), 2u);
    EXPECT_EQ(scan.rollouts.size(), 1u);
    EXPECT_EQ(scan.analyses.size(), 3u);
    EXPECT_EQ(probesForCache(scan, scan.caches[1]), scan.probes[1]);
    EXPECT_TRUE(isWorkspaceDir(root().string()));
    EXPECT_FALSE(isWorkspaceDir(modelDir().string()));
    EXPECT_THROW(scanWorkspace((root() / "nope").string()), srs::InvalidArgument);
}

TEST_F(Workspace, OpeningPopulatesTreeAndViewsThenJobsRun) {
    MainWindow window;
    srs::test::ModelTesterFailures failures;
    QAbstractItemModelTester tester(window.workspace(), QAbstractItemModelTester::FailureReportingMode::Warning);
    QSignalSpy loaded(&window, &MainWindow::workspaceLoaded);
    window.openPath(QString::fromStdString(root().string()));
    ASSERT_TRUE(waitFor([&] { return loaded.count() > 0; }, 20000));
    auto* ws = window.workspace();
    EXPECT_EQ(ws->itemCount(Category::Models), 1);
    EXPECT_EQ(ws->itemCount(Category::Caches), 2);
    EXPECT_EQ(ws->itemCount(Category::Rollouts), 1);
    EXPECT_EQ(ws->itemCount(Category::ProbeResults), 2);
    EXPECT_EQ(ws->itemCount(Category::Analyses), 3);
    auto view = [&](const char* name) {
        return qobject_cast<srs::widgets::PlotView*>(window.tabs()->widget(window.tabIndexOf(name)));
    };
    EXPECT_FALSE(view("probe_training")->isEmpty());
    EXPECT_FALSE(view("prune_curves")->isEmpty());
    EXPECT_FALSE(view("iou_matrix")->isEmpty());
    EXPECT_EQ(window.playground()->modelDir().toStdString(), fs::canonical(modelDir()).string());
    EXPECT_FALSE(window.activeProbes().isEmpty());
    // The training view's CSV holds the probes file's points (2 layers x 3 epochs).
    EXPECT_EQ(view("probe_training")->csv().count('\n'), 1 + 6);

    // Train probes as a job: live points per epoch, then the file in probes/.
    srs::core::ProbeTrainOptions o;
    o.epochs = 2;
    o.hidden = 8;
    o.bootstrap = 20;
    const int id = window.trainProbes(QString::fromStdString(path("caches/b.h5")), o);
    ASSERT_GT(id, 0);
    ASSERT_TRUE(window.jobRunner()->waitForAll(30000));
    EXPECT_EQ(ws->itemCount(Category::ProbeResults), 3);
    EXPECT_TRUE(fs::exists(path("probes/b-gui.h5")));
    EXPECT_EQ(view("probe_training")->csv().count('\n'), 1 + 4);  // 2 layers x 2 epochs

    // Prune curve job -> view + JSON in analyses/.
    ASSERT_GT(window.runPruneCurve(QString::fromStdString(path("caches/a.h5")), o, {0, 0.9}), 0);
    ASSERT_TRUE(window.jobRunner()->waitForAll(30000));
    EXPECT_TRUE(fs::exists(path("analyses/a-prune-curve-2.json")));
    auto* prune = qobject_cast<srs::widgets::PruneCurveView*>(view("prune_curves"));
    EXPECT_EQ(prune->csv().count('\n'), 1 + 2 * 2);  // 2 layers x 2 ratios

    // A selected neuron set lands in the playground.
    emit prune->neuronSetSelected(1, 0.9);
    ASSERT_TRUE(window.jobRunner()->waitForAll(10000));
    const auto req = qobject_cast<srs::widgets::PlaygroundView*>(view("playground"))->request();
    EXPECT_EQ(req.hook, "blocks.1.hook_resid_post");
    EXPECT_EQ(std::count(req.dims.begin(), req.dims.end(), ',') + 1, 6);
    EXPECT_EQ(req.op, "zero");
    EXPECT_EQ(window.tabs()->currentWidget(), view("playground"));
    EXPECT_EQ(failures.count(), 0);
    fs::remove(path("probes/b-gui.h5"));
    fs::remove(path("analyses/a-prune-curve-2.json"));
}

TEST_F(Workspace, PlaygroundStreamsBaselineAndIntervenedWithValuesAndGrades) {
    JobRunner runner;
    srs::widgets::PlaygroundView view;
    view.resize(900, 600);
    view.show();
    PlaygroundController ctl(&runner, &view);
    ctl.setModelDir(QString::fromStdString(modelDir().string()));
    ctl.setProbesFile(QString::fromStdString(path("probes/a.h5")));
    ctl.setMaxNewTokens(48);
    srs::widgets::PlaygroundRequest r;
    r.question = "12+7=";
    r.hook = "blocks.1.hook_resid_post";
    r.dims = "0-40";
    r.op = "zero";
    r.gold = "19";
    // Event-loop latency and streaming: a 10 ms timer records gaps and pane lengths.
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0, maxGap = 0;
    int lengthWhileRunning = 0;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        maxGap = std::max(maxGap, now - last);
        last = now;
        if (ctl.isRunning()) lengthWhileRunning = std::max<int>(lengthWhileRunning, view.answerText(0).size());
    });
    QSignalSpy done(&ctl, &PlaygroundController::runFinished);
    ASSERT_GT(ctl.generate(r), 0);
    last = clock.elapsed();
    tick.start(10);
    ASSERT_TRUE(waitFor([&] { return done.count() > 0; }, 60000));
    tick.stop();
    EXPECT_EQ(done.at(0).at(0).toString(), QString());
    const auto s = ctl.lastStats();
    for (int pane = 0; pane < 2; ++pane) {
        ASSERT_GT(s.tokens[pane], 0);
        // Streaming order: the pane shows exactly the decoded answer, token by token.
        // (The random tiny model emits stray bytes and \r\n: compare as the pane decodes them.)
        EXPECT_EQ(view.answerText(pane),
                  QString::fromUtf8(s.answer[pane].data(), static_cast<qsizetype>(s.answer[pane].size()))
                      .replace(QStringLiteral("\r\n"), QStringLiteral("\n")))
            << pane;
        EXPECT_GT(s.firstTokenMs[pane], 0.0);
        // V(s_t) for s_0 and every shown token, each a probability.
        EXPECT_EQ(s.values[pane].size(), static_cast<std::size_t>(s.tokens[pane] + 1)) << pane;
        for (double v : s.values[pane]) EXPECT_TRUE(v > 0.0 && v < 1.0) << v;
        EXPECT_GE(s.reward[pane], 0);  // graded
    }
    // Same prompt: V(s_0) is read before the first generated token, at the hook where dims
    // 0-40 are zeroed, so the intervened V(s_0) differs from the baseline one.
    EXPECT_NE(s.values[0][0], s.values[1][0]);
    EXPECT_NE(s.ids[0], s.ids[1]);  // zeroing 41 of 64 dims changes the greedy answer
    EXPECT_GT(lengthWhileRunning, 0) << "no token reached the pane before the job ended";
    EXPECT_LT(maxGap, 100) << "event loop blocked during generation";
    std::printf("[ playground ] load %.2f s; first token %.1f / %.1f ms; %.0f / %.0f tokens/s; max gap %lld ms\n",
                s.loadSeconds, s.firstTokenMs[0], s.firstTokenMs[1], s.tokensPerSecond[0], s.tokensPerSecond[1],
                static_cast<long long>(maxGap));

    // Cancel: a long request ends as "Cancelled" within a second.
    ctl.setMaxNewTokens(4000);
    done.clear();
    ASSERT_GT(ctl.generate(r), 0);
    QTimer::singleShot(50, [&] { runner.cancelAll(); });
    QElapsedTimer c;
    c.start();
    ASSERT_TRUE(waitFor([&] { return done.count() > 0; }, 5000));
    EXPECT_EQ(done.at(0).at(0).toString(), "Cancelled");
}

TEST(Utf8Stream, HoldsIncompleteSequences) {
    Utf8Stream s;
    const std::string han = "\xED\x95\x9C";  // U+D55C
    EXPECT_EQ(s.push("a\xED"), "a");
    EXPECT_EQ(s.push("\x95"), "");
    EXPECT_EQ(s.push("\x9C" "b"), han + "b");
    EXPECT_EQ(s.push("\xF0\x9F"), "");
    EXPECT_EQ(s.flush(), "\xF0\x9F");
}

TEST_F(Workspace, OnEpochCallbackReportsTheStoredEpochLosses) {
    srs::core::ActivationCacheReader reader(path("caches/a.h5"));
    srs::core::ProbeTrainOptions o;
    o.epochs = 3;
    o.hidden = 8;
    o.bootstrap = 20;
    std::vector<std::vector<float>> seen;  // [epoch][layer]
    o.onEpoch = [&](std::size_t group, int epoch, const std::vector<float>& loss) {
        EXPECT_EQ(group, 0u);
        EXPECT_EQ(epoch, static_cast<int>(seen.size()));
        seen.push_back(loss);
    };
    const auto result = srs::core::trainValueProbes(reader, {0, 1}, o);
    ASSERT_EQ(seen.size(), 3u);
    for (std::size_t l = 0; l < 2; ++l)
        for (std::size_t e = 0; e < 3; ++e) EXPECT_EQ(seen[e].at(l), result.layers[l].finalLoss.at(e));
}
