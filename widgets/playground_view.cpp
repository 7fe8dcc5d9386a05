#include "widgets/playground_view.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextEdit>
#include <QVBoxLayout>
#include <algorithm>

#include "qcustomplot.h"
#include "widgets/palette.h"
#include "widgets/plot_export.h"

namespace srs::widgets {

PlaygroundView::PlaygroundView(QWidget* parent)
    : PlotView(tr("Open a model to use the playground."), parent) {
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    auto* form = m_form = new QFormLayout;
    m_question = new QPlainTextEdit(content);
    m_question->setMaximumHeight(90);
    m_examples = new QComboBox(content);
    m_examples->setObjectName(QStringLiteral("playgroundExamples"));
    m_examples->addItem(QString());
    m_examples->setEnabled(false);
    form->addRow(QStringLiteral("-"), m_examples);
    form->addRow(QStringLiteral("-"), m_question);
    m_gold = new QLineEdit(content);
    m_gold->setObjectName(QStringLiteral("playgroundGold"));
    form->addRow(QStringLiteral("-"), m_gold);
    auto* row = m_row = new QHBoxLayout;
    m_hook = new QComboBox(content);
    m_hook->setEditable(true);
    m_hook->setMinimumContentsLength(24);
    m_dims = new QLineEdit(content);
    m_op = new QComboBox(content);
    for (const char* op : {"zero", "scale", "set", "mean"}) m_op->addItem(QString(), QString::fromLatin1(op));
    m_amount = new QDoubleSpinBox(content);
    m_amount->setRange(-1000, 1000);
    m_amount->setDecimals(3);
    m_amount->setValue(0.0);
    m_generate = new QPushButton(content);
    m_generate->setDefault(true);
    row->addWidget(m_hook, 2);
    row->addWidget(m_dims, 1);
    row->addWidget(m_op);
    row->addWidget(m_amount);
    row->addWidget(m_generate);
    form->addRow(QStringLiteral("-"), row);
    layout->addLayout(form);
    m_status = new QLabel(content);
    m_status->setObjectName(QStringLiteral("playgroundStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto* panes = new QHBoxLayout;
    for (int i = 0; i < 2; ++i) {
        auto* box = m_box[i] = new QGroupBox(content);
        auto* v = new QVBoxLayout(box);
        m_answer[i] = new QTextEdit(box);
        m_answer[i]->setReadOnly(true);
        m_mini[i] = createPlot(box);
        m_mini[i]->setMinimumHeight(110);
        m_mini[i]->setMaximumHeight(160);
        m_mini[i]->addGraph()->setPen(QPen(okabeIto(i == 0 ? 3 : 4), 1.5));
        m_mini[i]->yAxis->ticker()->setTickCount(3);
        v->addWidget(m_answer[i], 1);
        m_grade[i] = new QLabel(box);
        m_grade[i]->setObjectName(QStringLiteral("playgroundGrade%1").arg(i));
        m_grade[i]->setVisible(false);
        v->addWidget(m_grade[i]);
        v->addWidget(m_mini[i]);
        panes->addWidget(box);
    }
    layout->addLayout(panes, 1);
    setContent(content);
    setContentVisible(true);
    connect(m_examples, qOverload<int>(&QComboBox::activated), this, [this](int index) {
        if (index <= 0 || index > m_golds.size()) return;
        setQuestion(m_examples->itemText(index), m_golds.at(index - 1));
    });
    connect(m_generate, &QPushButton::clicked, this, [this] { emit generateRequested(request()); });
    retranslateUi();
}

void PlaygroundView::retranslateUi() {
    setEmptyMessage(tr("Open a model to use the playground."));
    if (auto* label = qobject_cast<QLabel*>(m_form->labelForField(m_question))) label->setText(tr("Question:"));
    if (auto* label = qobject_cast<QLabel*>(m_form->labelForField(m_row))) label->setText(tr("Intervention:"));
    if (auto* label = qobject_cast<QLabel*>(m_form->labelForField(m_examples))) label->setText(tr("Examples:"));
    if (auto* label = qobject_cast<QLabel*>(m_form->labelForField(m_gold))) label->setText(tr("Gold answer:"));
    m_gold->setPlaceholderText(tr("optional: the answers are graded against it"));
    if (m_examples->count() > 0) m_examples->setItemText(0, tr("Pick an example question..."));
    m_question->setPlaceholderText(tr("Ask a question, e.g. a GSM8K problem"));
    m_dims->setPlaceholderText(tr("dims, e.g. 3,17,42"));
    m_op->setItemText(0, tr("Zero (ablate)"));
    m_op->setItemText(1, tr("Scale"));
    m_op->setItemText(2, tr("Set to"));
    m_op->setItemText(3, tr("Mean (of the prompt)"));
    m_generate->setText(tr("Generate"));
    m_box[0]->setTitle(tr("Baseline"));
    m_box[1]->setTitle(tr("With intervention"));
    for (int i = 0; i < 2; ++i) {
        m_answer[i]->setPlaceholderText(tr("The answer appears here while it is generated."));
        m_mini[i]->yAxis->setLabel(tr("V(s_t)"));
        m_mini[i]->xAxis->setLabel(tr("token"));
        m_mini[i]->replot(QCustomPlot::rpQueuedReplot);
    }
}

void PlaygroundView::setHooks(const QStringList& hooks) {
    m_hook->clear();
    m_hook->addItems(hooks);
}

PlaygroundRequest PlaygroundView::request() const {
    PlaygroundRequest r;
    r.question = m_question->toPlainText().toStdString();
    r.hook = m_hook->currentText().toStdString();
    r.dims = m_dims->text().toStdString();
    r.op = m_op->currentData().toString().toStdString();
    r.amount = m_amount->value();
    r.gold = m_gold->text().trimmed().toStdString();
    return r;
}

void PlaygroundView::clearAnswers() {
    for (int i = 0; i < 2; ++i) {
        m_answer[i]->clear();
        setGrade(i, QString());
        m_tokens[i].clear();
        m_mini[i]->graph(0)->data()->clear();
        m_mini[i]->replot();
    }
}

void PlaygroundView::appendToken(int pane, const QString& text, double value) {
    if (pane < 0 || pane > 1) return;
    QTextCursor cursor = m_answer[pane]->textCursor();
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text);
    const int n = m_tokens[pane].size();
    m_tokens[pane] << text;
    m_mini[pane]->graph(0)->addData(n, value);
    // Both panes share one value axis so that the two answers compare at a glance.
    bool found = false;
    QCPRange range;
    for (QCustomPlot* plot : m_mini) {
        bool ok = false;
        const QCPRange r = plot->graph(0)->getValueRange(ok);
        if (!ok) continue;
        range = found ? QCPRange(std::min(range.lower, r.lower), std::max(range.upper, r.upper)) : r;
        found = true;
    }
    const double pad = std::max(1e-3, 0.05 * range.size());
    for (QCustomPlot* plot : m_mini) {
        plot->xAxis->rescale();
        if (found) plot->yAxis->setRange(range.lower - pad, range.upper + pad);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void PlaygroundView::setBusy(bool busy) { m_generate->setEnabled(!busy); }

void PlaygroundView::setIntervention(const QString& hook, const QString& dims, const QString& op, double amount) {
    m_hook->setCurrentText(hook);
    m_dims->setText(dims);
    const int index = m_op->findData(op);
    if (index >= 0) m_op->setCurrentIndex(index);
    m_amount->setValue(amount);
}

void PlaygroundView::setQuestion(const QString& question, const QString& gold) {
    m_question->setPlainText(question);
    m_gold->setText(gold);
}

void PlaygroundView::setExamples(const QStringList& questions, const QStringList& golds) {
    m_examples->clear();
    m_golds = golds;
    m_examples->addItem(tr("Pick an example question..."));
    m_examples->addItems(questions);
    m_examples->setEnabled(!questions.isEmpty());
}

void PlaygroundView::setGrade(int pane, const QString& text) {
    if (pane < 0 || pane > 1) return;
    m_grade[pane]->setText(text);
    m_grade[pane]->setVisible(!text.isEmpty());
}

void PlaygroundView::setStatus(const QString& text) { m_status->setText(text); }

QString PlaygroundView::answerText(int pane) const {
    return pane >= 0 && pane <= 1 ? m_answer[pane]->toPlainText() : QString();
}

QList<QCustomPlot*> PlaygroundView::exportPlots() const { return {m_mini[0], m_mini[1]}; }

QStringList PlaygroundView::exportPlotNames() const {
    return {QStringLiteral("playground_baseline"), QStringLiteral("playground_intervened")};
}

QString PlaygroundView::csv() const {
    QString out = QStringLiteral("pane,index,token,value\n");
    for (int p = 0; p < 2; ++p) {
        const auto data = m_mini[p]->graph(0)->data();
        for (int i = 0; i < m_tokens[p].size() && i < data->size(); ++i)
            out += QStringLiteral("%1,%2,%3,%4\n")
                       .arg(p == 0 ? QStringLiteral("baseline") : QStringLiteral("intervened"))
                       .arg(i)
                       .arg(csvField(m_tokens[p][i]))
                       .arg((data->constBegin() + i)->value, 0, 'g', 10);
    }
    return out;
}

}  // namespace srs::widgets
