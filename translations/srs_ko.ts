<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>srs::app::gui::AblateDialog</name>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="110"/>
        <source>Ablation Sweep</source>
        <translation>절제 스윕</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="112"/>
        <source>Model folder</source>
        <translation>모델 폴더</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="113"/>
        <source>Questions (JSONL)</source>
        <translation>질문 (JSONL)</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="114"/>
        <source>Value probes (.h5)</source>
        <translation>가치 프로브 (.h5)</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="115"/>
        <source>Activation cache (.h5)</source>
        <translation>활성화 캐시 (.h5)</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="116"/>
        <source>MC probes (.h5)</source>
        <translation>MC 프로브 (.h5)</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="117"/>
        <source>Layers</source>
        <translation>레이어</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="118"/>
        <source>Conditions</source>
        <translation>조건</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="119"/>
        <source>Prune ratio</source>
        <translation>가지치기 비율</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="120"/>
        <source>Questions (0 = all)</source>
        <translation>질문 수 (0 = 전체)</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="121"/>
        <source>Samples per question</source>
        <translation>질문당 샘플 수</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="122"/>
        <source>Max new tokens</source>
        <translation>최대 새 토큰 수</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="123"/>
        <source>Temperature (0 = greedy)</source>
        <translation>온도 (0 = 탐욕적)</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="124"/>
        <source>Prompt template</source>
        <translation>프롬프트 템플릿</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="125"/>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
</context>
<context>
    <name>srs::app::gui::AnalysisDialog</name>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="28"/>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="40"/>
        <source>(optional)</source>
        <translation>(선택 사항)</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="41"/>
        <source>Browse...</source>
        <translation>찾아보기...</translation>
    </message>
</context>
<context>
    <name>srs::app::gui::ConfidenceDialog</name>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="189"/>
        <source>Confidence Signals</source>
        <translation>신뢰도 신호</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="191"/>
        <source>Model folder</source>
        <translation>모델 폴더</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="192"/>
        <source>Rollouts (.jsonl)</source>
        <translation>롤아웃 (.jsonl)</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="193"/>
        <source>Value probes (.h5)</source>
        <translation>가치 프로브 (.h5)</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="194"/>
        <source>Activation cache (.h5)</source>
        <translation>활성화 캐시 (.h5)</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="195"/>
        <source>Layer</source>
        <translation>레이어</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="196"/>
        <source>Verbal prompt template</source>
        <translation>언어적 신뢰도 프롬프트 템플릿</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="197"/>
        <source>Verbal max new tokens</source>
        <translation>언어적 답변 최대 새 토큰 수</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="198"/>
        <source>Skip the verbalized signal</source>
        <translation>언어적 신뢰도 신호 건너뛰기</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="201"/>
        <source>Bootstrap resamples</source>
        <translation>부트스트랩 재표본 수</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="202"/>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
</context>
<context>
    <name>srs::app::gui::DopamineDialog</name>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="152"/>
        <source>Dopamine Neurons</source>
        <translation>도파민 뉴런</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="154"/>
        <source>Activation cache (.h5)</source>
        <translation>활성화 캐시 (.h5)</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="155"/>
        <source>Value probes (.h5)</source>
        <translation>가치 프로브 (.h5)</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="156"/>
        <source>Tokenizer (for token text)</source>
        <translation>토크나이저 (토큰 텍스트용)</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="157"/>
        <source>Layer</source>
        <translation>레이어</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="158"/>
        <source>Candidate dims (K)</source>
        <translation>후보 차원 수 (K)</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="159"/>
        <source>MLP epochs</source>
        <translation>MLP 에포크</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="160"/>
        <source>Traces</source>
        <translation>트레이스 수</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="162"/>
        <source>held out</source>
        <translation>보류 세트</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="163"/>
        <source>train</source>
        <translation>학습 세트</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="164"/>
        <source>all</source>
        <translation>전체</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="166"/>
        <source>Traces from</source>
        <translation>트레이스 출처</translation>
    </message>
    <message>
        <location filename="../app/gui/analysis_dialogs.cpp" line="167"/>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
</context>
<context>
    <name>srs::app::gui::JobPanel</name>
    <message>
        <location filename="../app/gui/job_panel.cpp" line="67"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../app/gui/job_panel.cpp" line="68"/>
        <source>Cancel the selected job (or the only running one)</source>
        <translation>선택한 작업(또는 실행 중인 작업)을 취소합니다</translation>
    </message>
    <message>
        <location filename="../app/gui/job_panel.cpp" line="69"/>
        <source>Clear finished</source>
        <translation>완료된 작업 지우기</translation>
    </message>
</context>
<context>
    <name>srs::app::gui::MainWindow</name>
    <message>
        <location filename="../app/gui/main_window.cpp" line="204"/>
        <source>Job failed: %1</source>
        <translation>작업 실패: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="207"/>
        <source>Job cancelled</source>
        <translation>작업이 취소되었습니다</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="219"/>
        <source>Ready</source>
        <translation>준비</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="226"/>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="227"/>
        <source>&amp;Open Model...</source>
        <translation>모델 열기(&amp;O)...</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="229"/>
        <source>Open &amp;Workspace...</source>
        <translation>작업 공간 열기(&amp;W)...</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="230"/>
        <source>Open Activation &amp;Cache...</source>
        <translation>활성화 캐시 열기(&amp;C)...</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="231"/>
        <source>Open &amp;Recent</source>
        <translation>최근 파일(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="234"/>
        <source>Open Sessio&amp;n...</source>
        <translation>세션 열기(&amp;N)...</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="235"/>
        <source>&amp;Save Session</source>
        <translation>세션 저장(&amp;S)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="242"/>
        <source>Save Session &amp;As...</source>
        <translation>다른 이름으로 세션 저장(&amp;A)...</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="245"/>
        <source>&amp;Export Plot...</source>
        <translation>그래프 내보내기(&amp;E)...</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="248"/>
        <source>&amp;Settings...</source>
        <translation>설정(&amp;S)...</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="252"/>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="256"/>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="262"/>
        <source>Next View</source>
        <translation>다음 보기</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="266"/>
        <source>Previous View</source>
        <translation>이전 보기</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="271"/>
        <source>&amp;Analysis</source>
        <translation>분석(&amp;A)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="272"/>
        <source>&amp;Train Probes on Cache</source>
        <translation>캐시로 프로브 학습(&amp;T)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="278"/>
        <source>&amp;Prune Curve of Cache</source>
        <translation>캐시의 가지치기 곡선(&amp;P)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="285"/>
        <source>Neuron-Set &amp;Overlap of Probes Files</source>
        <translation>프로브 파일 간 뉴런 집합 겹침(&amp;O)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="288"/>
        <source>&amp;Ablation Sweep...</source>
        <translation>절제 스윕(&amp;A)...</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="289"/>
        <source>&amp;Dopamine Neurons...</source>
        <translation>도파민 뉴런(&amp;D)...</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="290"/>
        <source>&amp;Confidence Signals...</source>
        <translation>신뢰도 신호(&amp;C)...</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="293"/>
        <source>&amp;Jobs</source>
        <translation>작업(&amp;J)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="294"/>
        <source>Cancel All Jobs</source>
        <translation>모든 작업 취소</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="297"/>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="298"/>
        <source>&amp;About SRS Workbench</source>
        <translation>SRS Workbench 정보(&amp;A)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="303"/>
        <source>SRS Workbench</source>
        <translation>SRS Workbench</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="304"/>
        <source>Workspace</source>
        <translation>작업 공간</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="305"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="306"/>
        <source>Jobs</source>
        <translation>작업</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="307"/>
        <source>Session</source>
        <translation>세션</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="310"/>
        <source>Open a Hugging Face model folder (File &gt; Open Model...) or drop it on this window.</source>
        <translation>Hugging Face 모델 폴더를 열거나(파일 &gt; 모델 열기...) 이 창에 끌어다 놓으세요.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="311"/>
        <source>Probe training</source>
        <translation>프로브 학습</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="311"/>
        <source>Pruning curves</source>
        <translation>가지치기 곡선</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="311"/>
        <source>Ablation</source>
        <translation>절제 실험</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="312"/>
        <source>Neuron-set overlap</source>
        <translation>뉴런 집합 중첩</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="312"/>
        <source>Dopamine trace</source>
        <translation>도파민 추적</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="312"/>
        <source>Confidence</source>
        <translation>신뢰도</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="313"/>
        <source>Playground</source>
        <translation>실험장</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="327"/>
        <source>Open Model Folder</source>
        <translation>모델 폴더 열기</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="333"/>
        <source>Open Workspace Folder</source>
        <translation>작업 공간 폴더 열기</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="339"/>
        <source>Open Activation Cache</source>
        <translation>활성화 캐시 열기</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="341"/>
        <source>HDF5 activation caches (*.h5)</source>
        <translation>HDF5 활성화 캐시 (*.h5)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="348"/>
        <source>Opening %1...</source>
        <translation>%1 여는 중...</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="350"/>
        <source>Inspect %1</source>
        <translation>%1 검사</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="361"/>
        <source>Loaded %1</source>
        <translation>%1 불러옴</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="365"/>
        <source>Cannot open model</source>
        <translation>모델을 열 수 없습니다</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="366"/>
        <location filename="../app/gui/main_window.cpp" line="408"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="79"/>
        <source>%1

%2</source>
        <translation>%1

%2</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="376"/>
        <source>Open cache %1</source>
        <translation>캐시 %1 열기</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="407"/>
        <source>Cannot open cache</source>
        <translation>캐시를 열 수 없습니다</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="433"/>
        <source>%1: expected a workspace or model folder, an activation cache or probes file (.h5), or a result (.json).</source>
        <translation>%1: 작업 공간 또는 모델 폴더, 활성화 캐시나 프로브 파일(.h5), 또는 결과 파일(.json)이어야 합니다.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="404"/>
        <source>Added cache %1</source>
        <translation>캐시 %1 추가됨</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="158"/>
        <source>Open the probes file of this cache to select its neurons.</source>
        <translation>뉴런을 선택하려면 이 캐시의 프로브 파일을 여세요.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="164"/>
        <location filename="../app/gui/main_window.cpp" line="188"/>
        <source>Neuron set L%1 p=%2</source>
        <translation>뉴런 집합 L%1 p=%2</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="177"/>
        <source>Neuron set L%1 %2</source>
        <translation>뉴런 집합 L%1 %2</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="432"/>
        <source>Cannot open</source>
        <translation>열 수 없습니다</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="453"/>
        <location filename="../app/gui/main_window.cpp" line="483"/>
        <source>This view has nothing to export yet.</source>
        <translation>이 보기에는 아직 내보낼 내용이 없습니다.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="476"/>
        <source>Exported %1</source>
        <translation>%1 내보냄</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="502"/>
        <source>Export failed: %1</source>
        <translation>내보내기 실패: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="524"/>
        <source>Could not record the step: %1</source>
        <translation>단계를 기록할 수 없음: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="542"/>
        <source>Recover Session</source>
        <translation>세션 복구</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="543"/>
        <source>SRS Workbench did not exit cleanly last time. Recover the session autosaved in %1?</source>
        <translation>SRS Workbench가 지난번에 정상적으로 종료되지 않았습니다. %1에 자동 저장된 세션을 복구할까요?</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="553"/>
        <source>Cannot recover the session: %1</source>
        <translation>세션을 복구할 수 없음: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="557"/>
        <source>Recovered the autosaved session</source>
        <translation>자동 저장된 세션을 복구했습니다</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="571"/>
        <location filename="../app/gui/main_window.cpp" line="594"/>
        <source>Open Session</source>
        <translation>세션 열기</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="586"/>
        <location filename="../app/gui/main_window.cpp" line="602"/>
        <source>Save Session</source>
        <translation>세션 저장</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="589"/>
        <source>Saved %1</source>
        <translation>%1 저장함</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="595"/>
        <source>Sessions (*.srs.json);;JSON (*.json)</source>
        <translation>세션 (*.srs.json);;JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="602"/>
        <source>Sessions (*.srs.json)</source>
        <translation>세션 (*.srs.json)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="633"/>
        <source>Re-run %1</source>
        <translation>%1 다시 실행</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="638"/>
        <source>Re-ran %1 into %2: %3 outputs checked, %4 mismatches, %5 not runnable</source>
        <translation>%1을(를) %2에 다시 실행: 출력 %3개 확인, 불일치 %4개, 실행 불가 %5개</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="657"/>
        <source>Re-run all steps</source>
        <translation>모든 단계 다시 실행</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="662"/>
        <source>Re-ran %1 steps into %2: %3 outputs checked, %4 mismatches, %5 not runnable</source>
        <translation>단계 %1개를 %2에 다시 실행: 출력 %3개 확인, 불일치 %4개, 실행 불가 %5개</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="677"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="677"/>
        <source>The translation could not be loaded.</source>
        <translation>번역을 불러올 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="681"/>
        <source>About SRS Workbench</source>
        <translation>SRS Workbench 정보</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="682"/>
        <source>SRS Workbench %1
Finds the sparse reward subsystem (value and dopamine neurons) in the hidden states of language models.</source>
        <translation>SRS Workbench %1
언어 모델의 은닉 상태에서 희소 보상 하위 시스템(가치 뉴런과 도파민 뉴런)을 찾습니다.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="68"/>
        <source>Opening workspace %1...</source>
        <translation>작업 공간 %1 여는 중...</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="70"/>
        <source>Open workspace %1</source>
        <translation>작업 공간 %1 열기</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="78"/>
        <source>Cannot open workspace</source>
        <translation>작업 공간을 열 수 없음</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="100"/>
        <source>Cannot open %1: %2</source>
        <translation>%1을(를) 열 수 없음: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="143"/>
        <source>Workspace %1</source>
        <translation>작업 공간 %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="164"/>
        <source>No example questions: %1</source>
        <translation>예시 질문 없음: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="175"/>
        <source>Open probes %1</source>
        <translation>프로브 %1 열기</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="205"/>
        <source>Probes %1: %2 layers</source>
        <translation>프로브 %1: 레이어 %2개</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="208"/>
        <source>Cannot open probes %1: %2</source>
        <translation>프로브 %1을(를) 열 수 없음: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="222"/>
        <source>Cannot load %1: %2</source>
        <translation>%1을(를) 불러올 수 없음: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="228"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="239"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="250"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="258"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="271"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="302"/>
        <source>Load %1</source>
        <translation>%1 불러오기</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="278"/>
        <source>%1 holds no traces (run srs dopamine with --traces N).</source>
        <translation>%1에 추적이 없습니다 (srs dopamine을 --traces N으로 실행하세요).</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="286"/>
        <source>Rollout %1 (%2 #%3, reward %4, %5 tokens)</source>
        <translation>롤아웃 %1 (%2 #%3, 보상 %4, 토큰 %5개)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="320"/>
        <source>Trace %1</source>
        <translation>추적 %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="353"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="411"/>
        <source>Open a workspace or an activation cache first.</source>
        <translation>먼저 작업 공간이나 활성화 캐시를 여세요.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="367"/>
        <source>Train probes on %1</source>
        <translation>%1로 프로브 학습</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_analyses.cpp" line="148"/>
        <source>The ablation needs a model, questions, value probes and a cache.</source>
        <translation>절제에는 모델, 질문, 가치 프로브와 캐시가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_analyses.cpp" line="158"/>
        <source>Ablation of %1</source>
        <translation>%1의 절제</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_analyses.cpp" line="215"/>
        <location filename="../app/gui/main_window_analyses.cpp" line="269"/>
        <location filename="../app/gui/main_window_analyses.cpp" line="327"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="404"/>
        <location filename="../app/gui/main_window_workspace.cpp" line="439"/>
        <source>Wrote %1</source>
        <translation>%1 저장함</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_analyses.cpp" line="221"/>
        <source>The dopamine analysis needs a cache, value probes and a layer.</source>
        <translation>도파민 분석에는 캐시, 가치 프로브와 레이어가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_analyses.cpp" line="231"/>
        <source>Dopamine neurons of %1</source>
        <translation>%1의 도파민 뉴런</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_analyses.cpp" line="275"/>
        <source>The confidence analysis needs a model, rollouts, value probes and a layer.</source>
        <translation>신뢰도 분석에는 모델, 롤아웃, 가치 프로브와 레이어가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_analyses.cpp" line="286"/>
        <source>Confidence signals of %1</source>
        <translation>%1의 신뢰도 신호</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="421"/>
        <source>Prune curve of %1</source>
        <translation>%1의 가지치기 곡선</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="445"/>
        <source>The overlap needs two or more probes files.</source>
        <translation>겹침을 계산하려면 프로브 파일이 두 개 이상 필요합니다.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="454"/>
        <source>Neuron-set overlap (%1 files)</source>
        <translation>뉴런 집합 겹침 (파일 %1개)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_workspace.cpp" line="494"/>
        <source>Layer %1, ratio %2: %3 neurons loaded into the playground</source>
        <translation>레이어 %1, 비율 %2: 뉴런 %3개를 실험장에 불러옴</translation>
    </message>
</context>
<context>
    <name>srs::app::gui::PlaygroundController</name>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="90"/>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="130"/>
        <source>Open a model or a workspace first.</source>
        <translation>먼저 모델이나 작업 공간을 여세요.</translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="141"/>
        <source>Generating...</source>
        <translation>생성 중...</translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="281"/>
        <source>Playground</source>
        <translation>실험장</translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="299"/>
        <source>Correct (answer %1)</source>
        <translation>맞음 (답 %1)</translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="300"/>
        <source>Wrong (answer %1)</source>
        <translation>틀림 (답 %1)</translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="302"/>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="306"/>
        <source>First token after %1 ms, %2 tokens/s</source>
        <translation>첫 토큰 %1 ms, 초당 %2 토큰</translation>
    </message>
    <message>
        <location filename="../app/gui/playground_controller.cpp" line="309"/>
        <source> (model loaded in %1 s)</source>
        <translation> (모델 로드 %1초)</translation>
    </message>
</context>
<context>
    <name>srs::app::gui::SessionPanel</name>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="22"/>
        <source>Parameters: %1</source>
        <translation>매개변수: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="26"/>
        <source>Seeds: %1</source>
        <translation>시드: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="28"/>
        <source>Model: %1 [%2]</source>
        <translation>모델: %1 [%2]</translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="30"/>
        <source>Input %1: %2 [%3]</source>
        <translation>입력 %1: %2 [%3]</translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="32"/>
        <source>Output %1: %2 [%3]</source>
        <translation>출력 %1: %2 [%3]</translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="100"/>
        <source>(not saved)</source>
        <translation>(저장되지 않음)</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/session_panel.cpp" line="101"/>
        <source>Session %1 — %2, %n step(s)%3</source>
        <translation>
            <numerusform>세션 %1 — %2, 단계 %n개%3</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="103"/>
        <source>Session id %1</source>
        <translation>세션 ID %1</translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="107"/>
        <source>Re-run</source>
        <translation>다시 실행</translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="108"/>
        <source>Re-run All</source>
        <translation>모두 다시 실행</translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="109"/>
        <source>Rename...</source>
        <translation>이름 바꾸기...</translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="110"/>
        <source>Annotate...</source>
        <translation>메모...</translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="111"/>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="121"/>
        <source>Rename Step</source>
        <translation>단계 이름 바꾸기</translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="121"/>
        <source>Label of %1:</source>
        <translation>%1의 이름:</translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="131"/>
        <source>Annotate Step</source>
        <translation>단계 메모</translation>
    </message>
    <message>
        <location filename="../app/gui/session_panel.cpp" line="131"/>
        <source>Note on %1:</source>
        <translation>%1에 대한 메모:</translation>
    </message>
</context>
<context>
    <name>srs::app::gui::SettingsDialog</name>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="15"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="19"/>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="19"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="23"/>
        <source>This build of libtorch has no CUDA support.</source>
        <translation>이 libtorch 빌드는 CUDA를 지원하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="24"/>
        <source>Compute device:</source>
        <translation>연산 장치:</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="27"/>
        <source>Automatic</source>
        <translation>자동</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="29"/>
        <source>CPU threads:</source>
        <translation>CPU 스레드 수:</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="35"/>
        <source>Language:</source>
        <translation>언어:</translation>
    </message>
</context>
<context>
    <name>srs::models::ConfidenceTableModel</name>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="56"/>
        <source>Signal</source>
        <translation>신호</translation>
    </message>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="57"/>
        <source>Spearman rho</source>
        <translation>스피어만 rho</translation>
    </message>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="58"/>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="59"/>
        <source>AUROC</source>
        <translation>AUROC</translation>
    </message>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="60"/>
        <source>95% CI</source>
        <translation>95% 신뢰구간</translation>
    </message>
    <message>
        <location filename="../models/confidence_table_model.cpp" line="61"/>
        <source>ECE</source>
        <translation>ECE</translation>
    </message>
</context>
<context>
    <name>srs::models::JobListModel</name>
    <message>
        <location filename="../models/job_list_model.cpp" line="77"/>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="78"/>
        <source>%1 min %2 s</source>
        <translation>%1분 %2초</translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="79"/>
        <source>%1 h %2 min</source>
        <translation>%1시간 %2분</translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="84"/>
        <source>Running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="85"/>
        <source>Cancelling...</source>
        <translation>취소하는 중...</translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="86"/>
        <source>Finished</source>
        <translation>완료</translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="87"/>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="88"/>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="129"/>
        <source>Job</source>
        <translation>작업</translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="130"/>
        <source>Phase</source>
        <translation>단계</translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="131"/>
        <source>Progress</source>
        <translation>진행률</translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="132"/>
        <source>Time left</source>
        <translation>남은 시간</translation>
    </message>
    <message>
        <location filename="../models/job_list_model.cpp" line="133"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
</context>
<context>
    <name>srs::models::SessionStepModel</name>
    <message>
        <location filename="../models/session_step_model.cpp" line="55"/>
        <source>Step</source>
        <translation>단계</translation>
    </message>
    <message>
        <location filename="../models/session_step_model.cpp" line="56"/>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <location filename="../models/session_step_model.cpp" line="57"/>
        <source>Label</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../models/session_step_model.cpp" line="58"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../models/session_step_model.cpp" line="59"/>
        <source>Started</source>
        <translation>시작</translation>
    </message>
    <message>
        <location filename="../models/session_step_model.cpp" line="60"/>
        <source>Ended</source>
        <translation>종료</translation>
    </message>
    <message>
        <location filename="../models/session_step_model.cpp" line="61"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
</context>
<context>
    <name>srs::models::WorkspaceModel</name>
    <message>
        <location filename="../models/workspace_model.cpp" line="11"/>
        <source>Models</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="12"/>
        <source>Activation caches</source>
        <translation>활성화 캐시</translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="13"/>
        <source>Rollouts</source>
        <translation>롤아웃</translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="14"/>
        <source>Probe results</source>
        <translation>프로브 결과</translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="15"/>
        <source>Analyses</source>
        <translation>분석</translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="16"/>
        <source>Figures</source>
        <translation>그림</translation>
    </message>
    <message>
        <location filename="../models/workspace_model.cpp" line="116"/>
        <source>Workspace</source>
        <translation>작업 공간</translation>
    </message>
</context>
<context>
    <name>srs::widgets::AblationHeatmapView</name>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="17"/>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="43"/>
        <source>Run an ablation sweep to see this view.</source>
        <translation>이 보기를 보려면 절제 실험을 실행하세요.</translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="61"/>
        <source>L%1</source>
        <translation>L%1</translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="71"/>
        <source>Ablated layer</source>
        <translation>절제한 층</translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="72"/>
        <source>Condition</source>
        <translation>조건</translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="73"/>
        <source>Accuracy change</source>
        <translation>정확도 변화</translation>
    </message>
    <message>
        <location filename="../widgets/ablation_heatmap_view.cpp" line="100"/>
        <source>Layer %1, %2
accuracy %3%, change %4 points</source>
        <translation>층 %1, %2
정확도 %3%, 변화 %4%p</translation>
    </message>
</context>
<context>
    <name>srs::widgets::ConfidenceView</name>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="29"/>
        <location filename="../widgets/confidence_view.cpp" line="64"/>
        <source>Compare confidence signals to see this view.</source>
        <translation>이 보기를 보려면 신뢰도 신호를 비교하세요.</translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="65"/>
        <source>Signal:</source>
        <translation>신호:</translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="66"/>
        <source>Signal (scaled to [0, 1])</source>
        <translation>신호 ([0, 1]로 조정)</translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="67"/>
        <source>Correct (0/1, spread)</source>
        <translation>정답 여부 (0/1, 분산 표시)</translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="68"/>
        <source>Mean predicted</source>
        <translation>평균 예측값</translation>
    </message>
    <message>
        <location filename="../widgets/confidence_view.cpp" line="69"/>
        <source>Observed accuracy</source>
        <translation>관측 정확도</translation>
    </message>
</context>
<context>
    <name>srs::widgets::DopamineTraceView</name>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="20"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="56"/>
        <source>Train a value probe and open a response to see its dopamine trace.</source>
        <translation>가치 프로브를 학습하고 응답을 열면 도파민 추적을 볼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="57"/>
        <source>Colour tokens by:</source>
        <translation>토큰 색상 기준:</translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="58"/>
        <source>Token index</source>
        <translation>토큰 위치</translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="59"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="62"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="113"/>
        <source>V(s_t)</source>
        <translation>V(s_t)</translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="60"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="63"/>
        <location filename="../widgets/dopamine_trace_view.cpp" line="117"/>
        <source>delta_t</source>
        <translation>delta_t</translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="73"/>
        <source>delta_t (TD error)</source>
        <translation>delta_t (TD 오차)</translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="75"/>
        <source>Neuron %1</source>
        <translation>뉴런 %1</translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="151"/>
        <source>token %1 &quot;%2&quot; (id %3)
V = %4
delta = %5</source>
        <translation>토큰 %1 &quot;%2&quot; (id %3)
V = %4
delta = %5</translation>
    </message>
    <message>
        <location filename="../widgets/dopamine_trace_view.cpp" line="159"/>
        <source>
activation (%1) = %2</source>
        <translation>
활성값 (%1) = %2</translation>
    </message>
</context>
<context>
    <name>srs::widgets::ExportDialog</name>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="24"/>
        <location filename="../widgets/export_dialog.cpp" line="108"/>
        <source>Export Plot</source>
        <translation>그래프 내보내기</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="28"/>
        <source>Plot:</source>
        <translation>그래프:</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="30"/>
        <source>PDF (vector)</source>
        <translation>PDF (벡터)</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="31"/>
        <source>SVG (vector)</source>
        <translation>SVG (벡터)</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="32"/>
        <source>PNG (raster)</source>
        <translation>PNG (래스터)</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="33"/>
        <source>Format:</source>
        <translation>형식:</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="35"/>
        <source>Single column (3.5 in)</source>
        <translation>단단 (3.5 in)</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="36"/>
        <source>Double column (7 in)</source>
        <translation>2단 (7 in)</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="37"/>
        <source>Width:</source>
        <translation>너비:</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="42"/>
        <source> in</source>
        <translation> in</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="43"/>
        <source>Height:</source>
        <translation>높이:</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="47"/>
        <source>PNG resolution (DPI):</source>
        <translation>PNG 해상도 (DPI):</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="50"/>
        <source>Font:</source>
        <translation>글꼴:</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="54"/>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="55"/>
        <source>Font size:</source>
        <translation>글꼴 크기:</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="57"/>
        <source>Okabe-Ito (colour-blind safe)</source>
        <translation>Okabe-Ito (색각 이상 친화)</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="58"/>
        <source>Every view draws with the Okabe-Ito palette and colour-blind-safe colour scales.</source>
        <translation>모든 보기는 Okabe-Ito 팔레트와 색각 이상에 안전한 색 척도를 사용합니다.</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="59"/>
        <source>Palette:</source>
        <translation>팔레트:</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="60"/>
        <source>Also write the data as CSV next to it</source>
        <translation>데이터를 같은 위치에 CSV로도 저장</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="65"/>
        <source>Browse...</source>
        <translation>찾아보기...</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="68"/>
        <source>File:</source>
        <translation>파일:</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="70"/>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="109"/>
        <source>%1 files (*.%2)</source>
        <translation>%1 파일 (*.%2)</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="125"/>
        <source>Replace files?</source>
        <translation>파일을 바꿀까요?</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="126"/>
        <source>These files exist:
%1
Replace them?</source>
        <translation>다음 파일이 이미 있습니다:
%1
바꿀까요?</translation>
    </message>
    <message>
        <location filename="../widgets/export_dialog.cpp" line="135"/>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
</context>
<context>
    <name>srs::widgets::IouMatrixView</name>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="20"/>
        <location filename="../widgets/iou_matrix_view.cpp" line="53"/>
        <source>Extract neuron sets to compare their overlap here.</source>
        <translation>뉴런 집합을 추출하면 여기에서 중첩을 비교할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="54"/>
        <source>Result:</source>
        <translation>결과:</translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="55"/>
        <source>Pruning ratio:</source>
        <translation>가지치기 비율:</translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="164"/>
        <source>IoU (chance %1)</source>
        <translation>IoU (우연 수준 %1)</translation>
    </message>
    <message>
        <location filename="../widgets/iou_matrix_view.cpp" line="166"/>
        <source>ratio %1, chance IoU %2</source>
        <translation>비율 %1, 우연 수준 IoU %2</translation>
    </message>
</context>
<context>
    <name>srs::widgets::PlaygroundView</name>
    <message>
        <location filename="../widgets/playground_view.cpp" line="23"/>
        <location filename="../widgets/playground_view.cpp" line="94"/>
        <source>Open a model to use the playground.</source>
        <translation>실험장을 사용하려면 모델을 여세요.</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="101"/>
        <source>Ask a question, e.g. a GSM8K problem</source>
        <translation>질문을 입력하세요 (예: GSM8K 문제)</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="95"/>
        <source>Question:</source>
        <translation>질문:</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="102"/>
        <source>dims, e.g. 3,17,42</source>
        <translation>차원, 예: 3,17,42</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="103"/>
        <source>Zero (ablate)</source>
        <translation>0으로 (절제)</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="104"/>
        <source>Scale</source>
        <translation>배율</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="107"/>
        <source>Generate</source>
        <translation>생성</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="96"/>
        <source>Intervention:</source>
        <translation>개입:</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="97"/>
        <source>Examples:</source>
        <translation>예시:</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="98"/>
        <source>Gold answer:</source>
        <translation>정답:</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="99"/>
        <source>optional: the answers are graded against it</source>
        <translation>선택 사항: 답변을 이 정답으로 채점합니다</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="100"/>
        <location filename="../widgets/playground_view.cpp" line="188"/>
        <source>Pick an example question...</source>
        <translation>예시 질문 선택...</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="105"/>
        <source>Set to</source>
        <translation>값으로 설정</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="106"/>
        <source>Mean (of the prompt)</source>
        <translation>평균 (프롬프트)</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="108"/>
        <source>Baseline</source>
        <translation>기준</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="109"/>
        <source>With intervention</source>
        <translation>개입 적용</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="111"/>
        <source>The answer appears here while it is generated.</source>
        <translation>생성되는 동안 답변이 여기에 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="112"/>
        <source>V(s_t)</source>
        <translation>V(s_t)</translation>
    </message>
    <message>
        <location filename="../widgets/playground_view.cpp" line="113"/>
        <source>token</source>
        <translation>토큰</translation>
    </message>
</context>
<context>
    <name>srs::widgets::ProbeTrainingView</name>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="9"/>
        <location filename="../widgets/probe_training_view.cpp" line="21"/>
        <source>Train probes to see this view.</source>
        <translation>이 보기를 보려면 프로브를 학습하세요.</translation>
    </message>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="22"/>
        <source>Training step</source>
        <translation>학습 단계</translation>
    </message>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="23"/>
        <source>Loss (solid)</source>
        <translation>손실 (실선)</translation>
    </message>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="24"/>
        <source>Held-out AUROC (dashed)</source>
        <translation>검증 AUROC (점선)</translation>
    </message>
    <message>
        <location filename="../widgets/probe_training_view.cpp" line="25"/>
        <location filename="../widgets/probe_training_view.cpp" line="39"/>
        <source>Layer %1</source>
        <translation>층 %1</translation>
    </message>
</context>
<context>
    <name>srs::widgets::PruneCurveView</name>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="18"/>
        <location filename="../widgets/prune_curve_view.cpp" line="40"/>
        <source>Train probes and run a pruning sweep to see this view.</source>
        <translation>이 보기를 보려면 프로브를 학습하고 가지치기 실험을 실행하세요.</translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="41"/>
        <source>Log scale: fraction of neurons kept</source>
        <translation>로그 척도: 남긴 뉴런 비율</translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="89"/>
        <source>Layer %1, %2</source>
        <translation>층 %1, %2</translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="109"/>
        <source>Fraction of neurons kept (log scale)</source>
        <translation>남긴 뉴런 비율 (로그 척도)</translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="113"/>
        <source>Pruning ratio (fraction removed)</source>
        <translation>가지치기 비율 (제거한 비율)</translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="119"/>
        <source>AUROC</source>
        <translation>AUROC</translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="166"/>
        <source>Layer %1, %2
ratio %3 (kept %4)
AUROC %5</source>
        <translation>층 %1, %2
비율 %3 (남김 %4)
AUROC %5</translation>
    </message>
    <message>
        <location filename="../widgets/prune_curve_view.cpp" line="173"/>
        <source> [%1, %2]</source>
        <translation> [%1, %2]</translation>
    </message>
</context>
</TS>
