#include "app/gui/session_controller.h"

#include "core/session/steps/record_step.h"

#include <fmt/format.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>
#include <filesystem>

#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/session/fingerprint.h"
#include "core/session/steps/pipeline_steps.h"

namespace srs::app::gui {
namespace fs = std::filesystem;

SessionController::SessionController(QObject* parent) : QObject(parent) {
    m_session = core::Session::create("workbench");
}

QString SessionController::baseDir() const {
    if (!m_path.isEmpty()) return QFileInfo(m_path).absolutePath();
    if (!m_baseDir.isEmpty()) return QFileInfo(m_baseDir).absoluteFilePath();
    return QDir::currentPath();
}

void SessionController::touch() {
    m_session.modified = core::isoTimeNow();
    m_dirty = true;
    m_changedSinceAutosave = true;
    emit changed();
}

void SessionController::newSession(const QString& name) {
    m_session = core::Session::create(name.toStdString());
    m_path.clear();
    m_dirty = false;
    m_changedSinceAutosave = false;
    emit changed();
}

void SessionController::open(const QString& file) {
    core::Session s = core::readSessionFile(file.toStdString());
    m_session = std::move(s);
    m_path = QFileInfo(file).absoluteFilePath();
    m_dirty = false;
    m_changedSinceAutosave = false;
    emit changed();
}

void SessionController::save() {
    if (m_path.isEmpty()) throw Error("the session has no file yet: use Save Session As");
    core::writeSessionFile(m_path.toStdString(), m_session);
    m_dirty = false;
    emit changed();
}

void SessionController::saveAs(const QString& file, bool overwrite) {
    core::writeSessionFile(file.toStdString(), m_session, overwrite);
    m_path = QFileInfo(file).absoluteFilePath();
    m_dirty = false;
    emit changed();
}

core::SessionStep SessionController::makeStep(const std::string& kind, const nlohmann::json& parameters,
                                              const PathList& inputs, const PathList& outputs,
                                              const std::string& modelDir, const std::string& baseDir,
                                              const std::string& started, const std::string& status) {
    core::SessionStep step = core::recordStep(kind, parameters, inputs, outputs, modelDir, baseDir, started);
    step.status = status;
    return step;
}

QString SessionController::appendStep(core::SessionStep step) {
    if (step.id.empty() || m_session.find(step.id) != static_cast<std::size_t>(-1)) step.id = m_session.nextStepId();
    const QString id = QString::fromStdString(step.id);
    m_session.steps.push_back(std::move(step));
    touch();
    return id;
}

core::SessionStep& SessionController::step(const QString& id) {
    const std::size_t i = m_session.find(id.toStdString());
    if (i >= m_session.steps.size())
        throw InvalidArgument(fmt::format("session {}: no step '{}'", m_session.id, id.toStdString()));
    return m_session.steps[i];
}

void SessionController::renameStep(const QString& id, const QString& label) {
    step(id).label = label.toStdString();
    touch();
}

void SessionController::annotateStep(const QString& id, const QString& note) {
    step(id).note = note.toStdString();
    touch();
}

void SessionController::deleteStep(const QString& id) {
    step(id);  // throws when absent
    m_session.steps.erase(m_session.steps.begin() + static_cast<std::ptrdiff_t>(m_session.find(id.toStdString())));
    touch();
}

QString SessionController::dataDir() const {
    return m_dataDir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : m_dataDir;
}
QString SessionController::recoveryFile() const { return QDir(dataDir()).filePath(QStringLiteral("recovery.srs.json")); }
QString SessionController::cleanExitFile() const { return QDir(dataDir()).filePath(QStringLiteral("clean-exit")); }

void SessionController::startAutosave(int intervalMs) {
    if (!m_autosave) {
        m_autosave = new QTimer(this);
        connect(m_autosave, &QTimer::timeout, this, [this] {
            if (m_changedSinceAutosave) autosave();
        });
    }
    m_autosave->start(intervalMs);
}

void SessionController::autosave() {
    QDir().mkpath(dataDir());
    core::writeSessionFile(recoveryFile().toStdString(), m_session, /*overwrite=*/true);
    core::writeFileAtomically((recoveryFile() + QStringLiteral(".path")).toStdString(), m_path.toStdString(),
                              /*overwrite=*/true);
    m_changedSinceAutosave = false;
}

void SessionController::markCleanExit() {
    QDir().mkpath(dataDir());
    core::writeFileAtomically(cleanExitFile().toStdString(), core::isoTimeNow() + "\n", /*overwrite=*/true);
    discardRecovery();
}

bool SessionController::recoveryPending() const {
    const QFileInfo recovery(recoveryFile()), marker(cleanExitFile());
    if (!recovery.exists()) return false;
    return !marker.exists() || recovery.lastModified() >= marker.lastModified();
}

void SessionController::recover() {
    core::Session s = core::readSessionFile(recoveryFile().toStdString());
    QFile pathFile(recoveryFile() + QStringLiteral(".path"));
    QString original;
    if (pathFile.open(QIODevice::ReadOnly)) original = QString::fromUtf8(pathFile.readAll()).trimmed();
    m_session = std::move(s);
    m_path = original;
    touch();
}

void SessionController::discardRecovery() {
    QFile::remove(recoveryFile());
    QFile::remove(recoveryFile() + QStringLiteral(".path"));
}

}  // namespace srs::app::gui
