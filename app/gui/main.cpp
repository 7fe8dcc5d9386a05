#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QFileInfo>
#include <QPixmap>
#include <QScreen>
#include <QStringList>
#include <QTabWidget>
#include <QTimer>
#include <cstdio>

#include "app/gui/job_runner.h"
#include "app/gui/language.h"
#include "app/gui/main_window.h"
#include "app/gui/playground_controller.h"
#include "app/gui/settings.h"
#include "widgets/playground_view.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SRS Workbench"));
    QApplication::setApplicationName(QStringLiteral("SRS Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(SRS_VERSION_STRING));
    using namespace srs::app::gui;

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "SRS Workbench: open a workspace folder (what `srs demo --out DIR` writes), a model folder, "
        "activation caches or probes files (.h5) and result files (.json)."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("paths"),
                                 QStringLiteral("Workspace or model folders, .h5 caches/probes, result .json files."),
                                 QStringLiteral("[PATH...]"));
    const QCommandLineOption workspace(QStringLiteral("workspace"), QStringLiteral("Open this workspace folder."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Save a PNG of the window once everything opened has loaded, then quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption view(QStringLiteral("view"),
                                  QStringLiteral("Show this view: probe_training, prune_curves, ablation_heatmap, "
                                                 "iou_matrix, dopamine_trace, confidence, playground; session raises the session panel."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption generate(QStringLiteral("generate"),
                                      QStringLiteral("Run the playground once on its current question (after "
                                                     "loading; with --screenshot, the shot waits for it)."));
    const QCommandLineOption language(QStringLiteral("language"),
                                      QStringLiteral("UI language for this run: en or ko."), QStringLiteral("CODE"));
    const QCommandLineOption dialog(QStringLiteral("dialog"),
                                    QStringLiteral("After loading, open the Analysis dialog NAME (ablate, dopamine, "
                                                   "confidence); with --screenshot the shot is of the whole screen."),
                                    QStringLiteral("NAME"));
    parser.addOptions({workspace, screenshot, view, generate, language, dialog});
    parser.process(app);

    Language::apply(parser.isSet(language) ? parser.value(language) : Settings::get(keys::kLanguage));
    MainWindow window;
    if (!window.property("geometryRestored").toBool() || parser.isSet(screenshot)) window.resize(1560, 960);
    window.show();
    // After a crash (autosaved session, no clean exit) offer to recover it; not in screenshot runs.
    if (!parser.isSet(screenshot)) QTimer::singleShot(0, &window, [&window] { window.offerRecovery(); });

    const QString shotPath = parser.value(screenshot);
    auto finish = [&window, &parser, &view, &generate, &dialog, shotPath] {
        if (parser.isSet(view)) {
            const int index = window.tabIndexOf(parser.value(view));
            if (index >= 0) window.tabs()->setCurrentIndex(index);
            if (parser.value(view) == QLatin1String("session")) window.showSessionPanel();
        }
        const bool wholeScreen = parser.isSet(dialog) && window.openAnalysisDialog(parser.value(dialog)) != nullptr;
        auto shoot = [&window, shotPath, wholeScreen] {
            if (shotPath.isEmpty()) return;
            QTimer::singleShot(600, &window, [&window, shotPath, wholeScreen] {
                // A dialog is a window of its own: grab the screen (an X server, e.g. Xvfb).
                const QPixmap shot = wholeScreen ? window.screen()->grabWindow(0) : window.grab();
                const bool ok = shot.save(shotPath);
                std::fprintf(ok ? stdout : stderr, "%s %s\n", ok ? "wrote" : "cannot write",
                             qPrintable(shotPath));
                window.jobRunner()->cancelAll();
                QApplication::exit(ok ? 0 : 1);
            });
        };
        if (parser.isSet(generate)) {
            QObject::connect(window.playground(), &PlaygroundController::runFinished, &window,
                             [shoot, &window](const QString& message) {
                                 const auto s = window.playground()->lastStats();
                                 std::fprintf(stdout,
                                              "playground: %s; load %.2f s; baseline %d tokens, first after %.1f ms, "
                                              "%.0f tokens/s; intervened %d tokens, first after %.1f ms, %.0f tokens/s\n",
                                              message.isEmpty() ? "ok" : qPrintable(message), s.loadSeconds,
                                              s.tokens[0], s.firstTokenMs[0], s.tokensPerSecond[0], s.tokens[1],
                                              s.firstTokenMs[1], s.tokensPerSecond[1]);
                                 shoot();
                             });
            window.tabs()->setCurrentIndex(window.tabIndexOf(QStringLiteral("playground")));
            auto* pv = qobject_cast<srs::widgets::PlaygroundView*>(window.tabs()->currentWidget());
            if (!pv || window.playground()->generate(pv->request()) == 0) shoot();
        } else {
            shoot();
        }
    };

    QStringList paths = parser.positionalArguments();
    if (parser.isSet(workspace)) paths.prepend(parser.value(workspace));
    bool waitForWorkspace = false;
    for (const QString& p : paths) {
        if (QFileInfo(p).isDir() && !QFileInfo(p + QStringLiteral("/config.json")).exists()) waitForWorkspace = true;
        window.openPath(p);
    }
    if (waitForWorkspace) {
        QObject::connect(&window, &MainWindow::workspaceLoaded, &window, finish, Qt::SingleShotConnection);
    } else if (!shotPath.isEmpty() || parser.isSet(generate)) {
        // No workspace: wait for whatever was opened.
        auto* poll = new QTimer(&window);
        QObject::connect(poll, &QTimer::timeout, &window, [poll, &window, finish] {
            if (window.jobRunner()->runningCount() > 0) return;
            poll->stop();
            finish();
        });
        poll->start(100);
    }
    return app.exec();
}
