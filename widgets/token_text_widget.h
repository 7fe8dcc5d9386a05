#pragma once
/// Response text drawn token by token, each token's background coloured by a value
/// (diverging scale, symmetric around 0). Virtualised: layout is computed once per width
/// (O(tokens) text measurements, cached) and paint touches only the visible rows, so 8k+
/// tokens scroll smoothly.
#include <QAbstractScrollArea>
#include <QStringList>
#include <vector>

namespace srs::widgets {

class TokenTextWidget : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit TokenTextWidget(QWidget* parent = nullptr);

    /// Token texts (UTF-8 decoded); "\n" inside a token breaks the row.
    void setTokens(const QStringList& tokens);
    /// One value per token (NaN = uncoloured); colours span [-absMax, absMax].
    void setValues(const std::vector<double>& values);
    int tokenCount() const { return m_tokens.size(); }
    int rowCount() const { return static_cast<int>(m_rowStart.size()); }
    /// Index of the token under `pos` (viewport pixels), or -1.
    int tokenAt(const QPoint& pos) const;
    /// Viewport rectangle of token `index` (after scrolling).
    QRect tokenRect(int index) const;
    /// First and last token index on the rows now visible (-1, -1 when empty).
    QPair<int, int> visibleTokenRange() const;
    /// Tokens drawn by the last paint (to check virtualisation).
    int lastPaintedTokens() const { return m_lastPainted; }
    /// Scrolls so token `index` is visible.
    void ensureTokenVisible(int index);

signals:
    void tokenHovered(int index, const QPoint& globalPos);
    void visibleRangeChanged(int first, int last);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent* event) override;

private:
    void relayout();
    void measure();
    int rowHeight() const;
    static QString displayText(const QString& token);

    QStringList m_tokens;
    std::vector<double> m_values;
    double m_absMax = 1.0;
    std::vector<int> m_width;      ///< [tokens] measured width in px
    std::vector<int> m_x;          ///< [tokens] x of each token in its row
    std::vector<int> m_row;        ///< [tokens] row of each token
    std::vector<int> m_rowStart;   ///< [rows] first token of each row
    int m_layoutWidth = -1;
    int m_lastPainted = 0;
    QPair<int, int> m_lastRange{-1, -1};
};

}  // namespace srs::widgets
