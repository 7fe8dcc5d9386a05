#pragma once
/// Runs the playground: baseline and intervened answers of the real runtime (core
/// generate()) for a PlaygroundView request, on a worker thread through the JobRunner,
/// streaming tokens into the view's panes with V(s_t) of the probe of the hook's layer
/// (applied to that layer's captured resid_post per token) and grading the answers when a
/// gold answer is given. The model and tokenizer are loaded on first use and kept.
/// Torch-free header (the runtime lives behind a pimpl).
#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace srs::core {
struct SessionStep;
}
namespace srs::widgets {
class PlaygroundView;
struct PlaygroundRequest;
}  // namespace srs::widgets

namespace srs::app::gui {

class JobRunner;

/// Measured on the last run (per pane: 0 baseline, 1 intervened).
struct PlaygroundStats {
    double loadSeconds = 0.0;          ///< model + tokenizer load (0 when already loaded)
    double firstTokenMs[2] = {0, 0};   ///< request start (after load) -> first token of the pane
    double tokensPerSecond[2] = {0, 0};
    int tokens[2] = {0, 0};
    std::string answer[2];             ///< decoded answers
    std::vector<double> values[2];     ///< V(s_t) per streamed item (NaN without a probe)
    std::vector<int> ids[2];
    int reward[2] = {-1, -1};          ///< -1 = not graded
    std::string extracted[2];
};

class PlaygroundController : public QObject {
    Q_OBJECT
public:
    PlaygroundController(JobRunner* runner, widgets::PlaygroundView* view, QObject* parent = nullptr);
    ~PlaygroundController() override;

    /// The model folder (needs tokenizer.json). A different folder is loaded by the next run.
    void setModelDir(const QString& dir);
    QString modelDir() const;
    /// Probes file whose probe of the hook's layer gives V(s_t); "" = no value trace.
    void setProbesFile(const QString& path);
    QString probesFile() const;
    void setMaxNewTokens(int n);

    /// Where a run's `generate` step goes (core/session/steps/generate_step.h): the output
    /// document's path (a free name; "" = do not record) and the folder the step's paths are
    /// relative to.
    struct RecordTarget {
        std::string outPath, baseDir;
    };
    /// Records every successful run: `target` is asked on the GUI thread when a run starts;
    /// the worker writes the generation document there and builds the step (fingerprints);
    /// `append` gets the step on the GUI thread when the run ended.
    void setRecording(std::function<RecordTarget()> target, std::function<void(const core::SessionStep&)> append);

    /// Starts a generation job for `request` (the view's Generate is wired to this).
    /// Returns the job id, or 0 when one already runs or no model is set.
    int generate(const widgets::PlaygroundRequest& request);
    bool isRunning() const;
    PlaygroundStats lastStats() const;

signals:
    /// After a run (success, failure or cancel); `message` is empty on success.
    void runFinished(const QString& message);

public:
    struct State;  ///< shared with the worker (defined in the .cpp)

private:
    void finishRun(const QString& message);
    JobRunner* m_runner;
    widgets::PlaygroundView* m_view;
    std::shared_ptr<State> m_state;
    std::function<RecordTarget()> m_recordTarget;
    std::function<void(const core::SessionStep&)> m_recordAppend;
    int m_job = 0;
};

/// Streams UTF-8 out of raw token bytes: push(bytes) returns the longest complete UTF-8
/// prefix of what is buffered (an incomplete trailing sequence waits for the next token);
/// flush() returns the rest.
class Utf8Stream {
public:
    std::string push(const std::string& bytes);
    std::string flush();

private:
    std::string m_pending;
};

}  // namespace srs::app::gui
