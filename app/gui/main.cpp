#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include "app/gui/main_window.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("SRS Workbench");
    QApplication::setApplicationName("SRS Workbench");
    QTranslator translator;
    if (translator.load(QLocale(), "srs", "_", ":/i18n")) app.installTranslator(&translator);
    srs::app::gui::MainWindow window;
    window.resize(1280, 800);
    window.show();
    const QStringList args = app.arguments();
    if (args.size() > 1) window.openModel(args.at(1));
    return app.exec();
}
