// The `figure` step kind in core: parameter validation (new and legacy form), addFigureStep
// bookkeeping (paths, regenerate command, fingerprints, refusals that leave the session
// unchanged), finding srs-render, and one real render through srs-render.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "core/error.h"
#include "core/session/fingerprint.h"
#include "core/session/steps/figure_step.h"
#include "core/session/steps/pipeline_steps.h"
#include "test_util.h"

namespace fs = std::filesystem;
using namespace srs;
using namespace srs::core;
using srs::test::readFile;
using srs::test::TempDir;
using srs::test::writeFile;

namespace {

/// Sets (or unsets) SRS_RENDER for one scope.
class RenderEnv {
public:
    explicit RenderEnv(const std::optional<std::string>& value) {
        if (const char* old = std::getenv("SRS_RENDER")) m_old = old;
        if (value) ::setenv("SRS_RENDER", value->c_str(), 1);
        else ::unsetenv("SRS_RENDER");
    }
    ~RenderEnv() {
        if (m_old) ::setenv("SRS_RENDER", m_old->c_str(), 1);
        else ::unsetenv("SRS_RENDER");
    }

private:
    std::optional<std::string> m_old;
};

const char* kCurve = R"({"format": "srs-prune-curve", "method": "td", "layers": [{"layer": 1, "points": [
    {"ratio": 0.0, "s0": {"auroc": 0.8, "ci_low": 0.7, "ci_high": 0.9}},
    {"ratio": 0.5, "s0": {"auroc": 0.7, "ci_low": 0.6, "ci_high": 0.8}}]}]})";

std::string validationError(const nlohmann::json& params) {
    const StepKind* kind = pipelineStepRegistry().find("figure");
    try {
        kind->validate(params, "step 's9' (figure)");
    } catch (const FormatError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(FigureStep, KindIsRunnableAndValidatesItsParameters) {
    const StepKind* kind = pipelineStepRegistry().find("figure");
    ASSERT_NE(kind, nullptr);
    EXPECT_TRUE(static_cast<bool>(kind->run));
    const nlohmann::json spec = basicFigureSpec("prune-curve", "png");
    EXPECT_EQ(spec["view"], "prune-curve");
    EXPECT_EQ(spec["export"]["format"], "png");
    EXPECT_EQ(validationError({{"spec", spec}, {"data", "data"}, {"session_id", "x"}, {"regenerate", "r"}}), "");
    // Written before figures were replayable: still valid.
    EXPECT_EQ(validationError({{"view", "prune-curve"}, {"data", {"s1"}}}), "");

    auto withProvenance = spec;
    withProvenance["provenance"] = nlohmann::json::object();
    EXPECT_NE(validationError({{"spec", withProvenance}}).find("without \"provenance\""), std::string::npos);
    auto badView = spec;
    badView["view"] = "pie-chart";
    const std::string e = validationError({{"spec", badView}});
    EXPECT_NE(e.find("step 's9' (figure)"), std::string::npos) << e;
    EXPECT_NE(e.find("spec"), std::string::npos) << e;
    EXPECT_NE(e.find("pie-chart"), std::string::npos) << e;
    auto badFormat = spec;
    badFormat["export"]["format"] = "gif";
    EXPECT_NE(validationError({{"spec", badFormat}}).find("\"gif\""), std::string::npos);
    EXPECT_NE(validationError({{"spec", spec}, {"trace", -1}}).find("trace"), std::string::npos);
    EXPECT_NE(validationError({{"spec", spec}, {"dpi", 3}}).find("dpi"), std::string::npos);  // unknown key
}

TEST(FigureStep, LegacyStepFailsNamingTheStep) {
    SessionStep step;
    step.id = "s4";
    step.kind = "figure";
    step.parameters = {{"view", "prune-curve"}, {"data", {"s1"}}};
    const StepRunContext ctx{step, {}, "", {{"figure", "/tmp/never.pdf"}}, JobContext{}};
    try {
        pipelineStepRegistry().find("figure")->run(ctx);
        FAIL() << "ran a legacy figure step";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("step 's4' (figure)"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("without a \"spec\""), std::string::npos) << e.what();
    }
}

TEST(FigureStep, AddFigureStepRecordsRelativePathsAndRefusesWithoutChangingTheSession) {
    TempDir dir;
    writeFile(dir / "curve.json", kCurve);
    fs::create_directories(dir / "figs");
    Session session = Session::create("paper");
    session.steps.push_back(SessionStep{});
    session.steps.back().id = "s1";
    session.steps.back().kind = "prune-curve";
    FigureStepOptions o;
    o.sessionFile = (dir / "paper.srs.json").string();
    o.label = "Figure 2";
    o.render = false;
    const auto spec = basicFigureSpec("prune-curve", "svg");

    // Refusals first: a suffix that is not the spec's format, a missing data file, an existing output.
    const Session before = session;
    EXPECT_THROW(addFigureStep(session, spec, (dir / "curve.json").string(), (dir / "figs" / "f.png").string(), o),
                 InvalidArgument);
    EXPECT_THROW(addFigureStep(session, spec, (dir / "nope.json").string(), (dir / "figs" / "f.svg").string(), o),
                 InvalidArgument);
    writeFile(dir / "figs" / "old.svg", "x");
    FigureStepOptions render = o;
    render.render = true;
    try {
        addFigureStep(session, spec, (dir / "curve.json").string(), (dir / "figs" / "old.svg").string(), render);
        FAIL() << "overwrote a figure";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("old.svg: already exists"), std::string::npos) << e.what();
    }
    EXPECT_EQ(session, before);
    EXPECT_EQ(readFile(dir / "figs" / "old.svg"), "x");

    // Recorded without rendering: step s2, paths relative to the session folder, the data
    // fingerprint, the regenerate command naming the session file.
    auto withProv = spec;
    withProv["provenance"] = {{"schema", 1}};  // dropped: the step fills it in
    const std::string id =
        addFigureStep(session, withProv, (dir / "curve.json").string(), (dir / "figs" / "f.svg").string(), o);
    EXPECT_EQ(id, "s2");
    const SessionStep& st = session.steps.back();
    EXPECT_EQ(st.kind, "figure");
    EXPECT_EQ(st.label, "Figure 2");
    EXPECT_EQ(st.status, "pending");
    EXPECT_FALSE(st.parameters["spec"].contains("provenance"));
    EXPECT_EQ(st.parameters["session_id"], session.id);
    EXPECT_EQ(st.parameters["regenerate"], "srs replay paper.srs.json --from s2");
    EXPECT_FALSE(st.parameters.contains("trace"));
    ASSERT_EQ(st.inputs.size(), 1u);
    EXPECT_EQ(st.inputs[0].role, "data");
    EXPECT_EQ(st.inputs[0].path, "curve.json");
    EXPECT_EQ(st.inputs[0].fingerprint, semanticFingerprint(dir / "curve.json"));
    ASSERT_EQ(st.outputs.size(), 1u);
    EXPECT_EQ(st.outputs[0].role, "figure");
    EXPECT_EQ(st.outputs[0].path, "figs/f.svg");
    EXPECT_EQ(st.outputs[0].fingerprint, "");
    pipelineStepRegistry().validateSession(session, "test");
}

TEST(FigureStep, FindRenderExecutableNamesWhatItLookedFor) {
    TempDir dir;
    {
        RenderEnv env((dir / "missing-render").string());
        try {
            findRenderExecutable();
            FAIL();
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find("SRS_RENDER=" + (dir / "missing-render").string() + ": not an executable"),
                      std::string::npos)
                << e.what();
        }
    }
    RenderEnv env(std::nullopt);
    const fs::path next = fs::read_symlink("/proc/self/exe").parent_path() / "srs-render";
    if (fs::exists(next)) GTEST_SKIP() << "an srs-render lies next to the test binary";
    try {
        findRenderExecutable();
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("looked for " + next.string()), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("SRS_RENDER"), std::string::npos) << e.what();
    }
}

TEST(FigureStep, AddFigureStepRendersLikeTheReplayRunner) {
    // Built with the GUI, srs-render is a dependency of this test binary and lies next to srs.
    const fs::path render = fs::path(SRS_CLI_PATH).parent_path() / "srs-render";
    if (!fs::exists(render)) GTEST_SKIP() << "srs-render is not built (SRS_BUILD_GUI=OFF): " << render;
    RenderEnv env(render.string());
    TempDir dir;
    writeFile(dir / "curve.json", kCurve);
    Session session = Session::create("paper");
    FigureStepOptions o;
    o.sessionFile = (dir / "paper.srs.json").string();
    auto spec = basicFigureSpec("prune-curve", "svg");
    spec["export"]["csv"] = true;

    // A cancelled job renders nothing and leaves the session as it was.
    CancelToken cancel;
    cancel.cancel();
    EXPECT_THROW(addFigureStep(session, spec, (dir / "curve.json").string(), (dir / "f.svg").string(), o,
                               JobContext({}, cancel)),
                 Cancelled);
    EXPECT_TRUE(session.steps.empty());

    const std::string id = addFigureStep(session, spec, (dir / "curve.json").string(), (dir / "f.svg").string(), o);
    ASSERT_EQ(session.steps.size(), 1u);
    const SessionStep& st = session.steps[0];
    EXPECT_EQ(st.status, "ok");
    ASSERT_EQ(st.outputs.size(), 2u);
    EXPECT_EQ(st.outputs[1].role, "csv");
    EXPECT_EQ(st.outputs[1].path, "f.csv");
    EXPECT_EQ(st.outputs[0].fingerprint, bytesFingerprint(dir / "f.svg"));
    const std::string svg = readFile(dir / "f.svg");
    EXPECT_NE(svg.find(session.id), std::string::npos);
    EXPECT_NE(svg.find("srs replay paper.srs.json --from " + id), std::string::npos);
    EXPECT_NE(readFile(dir / "f.csv").find("# step_id: " + id), std::string::npos);

    // The replay runner with the same step writes the same bytes elsewhere.
    const StepRunContext ctx{st, {{"data", (dir / "curve.json").string()}}, "",
                             {{"figure", (dir / "r.svg").string()}, {"csv", (dir / "r.csv").string()}}, JobContext{}};
    pipelineStepRegistry().find("figure")->run(ctx);
    EXPECT_EQ(readFile(dir / "r.svg"), svg);
    EXPECT_EQ(readFile(dir / "r.csv"), readFile(dir / "f.csv"));
}
