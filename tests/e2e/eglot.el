;;; eglot.el --- copydesk end to end in Emacs with eglot, in batch mode  -*- lexical-binding: t -*-

;; Opens a draft, waits for copydesk's diagnostic through flymake, checks where it lands,
;; applies the preferred quick fix through eglot's own code-action machinery and writes the
;; buffer text out.  Reads COPYDESK_BIN, COPYDESK_DRAFT and COPYDESK_RESULT from the
;; environment.

(require 'cl-lib)
(require 'eglot)
(require 'flymake)

(defun copydesk-e2e-finish (ok text)
  (with-temp-file (getenv "COPYDESK_RESULT")
    (insert (if ok "ok\n" "error\n") text "\n"))
  (kill-emacs (if ok 0 3)))

;; A prompt in batch mode would read from standard input: fail instead.
(dolist (fn '(y-or-n-p yes-or-no-p read-string completing-read read-from-minibuffer))
  (fset fn (lambda (&rest args) (copydesk-e2e-finish nil (format "unexpected prompt: %S" args)))))
;; Never hang.
(run-at-time 60 nil (lambda () (copydesk-e2e-finish nil "timed out")))

(condition-case err
    (progn
      (setq eglot-sync-connect t)
      (add-to-list 'eglot-server-programs
                   `(text-mode . (,(getenv "COPYDESK_BIN") "server")))
      (find-file (getenv "COPYDESK_DRAFT"))
      (text-mode)
      (apply #'eglot (eglot--guess-contact))
      (unless (eglot-current-server) (error "eglot did not connect"))
      ;; Wait for the diagnostic to reach flymake.
      (let ((deadline (+ (float-time) 30)))
        (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
          (flymake-start)
          (accept-process-output nil 0.1)))
      (let* ((diag (or (car (flymake-diagnostics)) (error "no diagnostics")))
             (expected (save-excursion
                         (goto-char (point-min))
                         (search-forward "the the")
                         (- (point) 3))))
        (unless (and (= (flymake-diagnostic-beg diag) expected)
                     (= (flymake-diagnostic-end diag) (+ expected 3)))
          (error "diagnostic at %d-%d, expected %d-%d: %s"
                 (flymake-diagnostic-beg diag) (flymake-diagnostic-end diag)
                 expected (+ expected 3) (flymake-diagnostic-text diag)))
        (let* ((actions (eglot-code-actions (flymake-diagnostic-beg diag)
                                            (flymake-diagnostic-end diag) "quickfix" nil))
               (preferred (cl-remove-if-not (lambda (a) (eq (plist-get a :isPreferred) t))
                                            actions)))
          (unless (= (length preferred) 1)
            (error "expected one preferred action, got %S" actions))
          (eglot--read-execute-code-action preferred (eglot-current-server) "quickfix")))
      (copydesk-e2e-finish t (buffer-substring-no-properties (point-min) (point-max))))
  (error (copydesk-e2e-finish nil (error-message-string err))))
