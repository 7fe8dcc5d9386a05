#pragma once
/// The workbench's current experiment session (core/session, docs/SESSION_FORMAT.md): every
/// GUI action that computes or exports appends a step with the same kind and parameters the
/// CLI records (`srs ... --session`), so `srs replay` re-runs a GUI session. Saves are atomic
/// (core::writeSessionFile). Autosave writes a recovery file into the app's data folder; a
/// clean exit writes a marker and removes it, so a recovery file newer than the marker means
/// the last run crashed (recoveryPending()).
#include <QObject>
#include <QString>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/session/session.h"

class QTimer;

namespace srs::app::gui {

using PathList = std::vector<std::pair<std::string, std::string>>;  ///< (role, path)

class SessionController : public QObject {
    Q_OBJECT
public:
    explicit SessionController(QObject* parent = nullptr);

    const core::Session& session() const { return m_session; }
    /// The session file ("" = not saved yet).
    QString path() const { return m_path; }
    /// Folder recorded paths are relative to: the session file's folder, else the base
    /// folder set by setBaseDir() (the workspace), else the current folder.
    QString baseDir() const;
    void setBaseDir(const QString& dir) { m_baseDir = dir; }
    bool isDirty() const { return m_dirty; }

    /// Starts a new empty session (unsaved).
    void newSession(const QString& name);
    /// Reads a session file (migrating an older schema); throws srs::Error naming the file.
    void open(const QString& file);
    /// Saves atomically to path(); throws srs::Error (also when no path is set).
    void save();
    /// Saves to `file` (replacing it only if it is this session's own earlier save or
    /// `overwrite`) and makes it path().
    void saveAs(const QString& file, bool overwrite = false);

    /// A finished step, built off the GUI thread (fingerprints every file; the model's
    /// config+weights fingerprint): paths are stored relative to `baseDir` when inside it.
    /// `id` is left empty; appendStep() assigns it.
    static core::SessionStep makeStep(const std::string& kind, const nlohmann::json& parameters,
                                      const PathList& inputs, const PathList& outputs, const std::string& modelDir,
                                      const std::string& baseDir, const std::string& started,
                                      const std::string& status = "ok");
    /// Appends `step` (id = the next free "sN" unless set) and returns its id.
    QString appendStep(core::SessionStep step);
    /// The id the next appended step gets.
    QString nextStepId() const { return QString::fromStdString(m_session.nextStepId()); }
    /// Throws InvalidArgument naming the id when there is no such step.
    void renameStep(const QString& id, const QString& label);
    void annotateStep(const QString& id, const QString& note);
    void deleteStep(const QString& id);

    // --- autosave and crash recovery ---
    /// The data folder (default QStandardPaths::AppDataLocation); tests point it elsewhere.
    QString dataDir() const;
    void setDataDir(const QString& dir) { m_dataDir = dir; }
    QString recoveryFile() const;
    QString cleanExitFile() const;
    /// Starts autosaving every `intervalMs` (when the session changed since the last one).
    void startAutosave(int intervalMs = 60000);
    /// Writes the recovery file now (atomically) with the session file's path beside it.
    void autosave();
    /// Marks a clean exit: writes the marker, removes the recovery file.
    void markCleanExit();
    /// True when a recovery file exists and is newer than the clean-exit marker (or there
    /// is no marker): the previous run ended without a clean exit.
    bool recoveryPending() const;
    /// Loads the recovery file as the current session (its original path kept, dirty).
    void recover();
    /// Removes the recovery file (the user declined).
    void discardRecovery();

signals:
    void changed();

private:
    void touch();
    core::SessionStep& step(const QString& id);

    core::Session m_session;
    QString m_path, m_baseDir, m_dataDir;
    bool m_dirty = false;
    bool m_changedSinceAutosave = false;
    QTimer* m_autosave = nullptr;
};

}  // namespace srs::app::gui
