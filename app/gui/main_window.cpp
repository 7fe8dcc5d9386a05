#include "app/gui/main_window.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFontDatabase>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QStatusBar>

#include "core/error.h"
#include "core/model/model_inspect.h"

namespace srs::app::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("SRS Workbench"));
    m_summary = new QPlainTextEdit(this);
    m_summary->setReadOnly(true);
    m_summary->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_summary->setPlaceholderText(tr("Open a Hugging Face model folder (File > Open Model...)"));
    setCentralWidget(m_summary);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Model..."), this, &MainWindow::chooseModel);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::chooseModel() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Model Folder"));
    if (!dir.isEmpty()) openModel(dir);
}

void MainWindow::openModel(const QString& dir) {
    try {
        const std::string text = core::inspectModelText(dir.toStdString());
        m_summary->setPlainText(QString::fromStdString(text));
        statusBar()->showMessage(tr("Loaded %1").arg(dir));
    } catch (const std::exception& e) {
        QMessageBox::critical(this, tr("Cannot open model"), QString::fromUtf8(e.what()));
    }
}

}  // namespace srs::app::gui
